/**
 * Choosing a file to import: from a chat with `chooseMessageFile` in WeChat (where branch rosters
 * arrive), a file input in the browser. The file stays on the device; the caller uploads it
 * (src/services/file-upload.ts) and hands the action its file id, so its bytes and their encoding
 * reach the server untouched.
 */
import Taro from '@tarojs/taro'

export interface PickedFile {
  name: string
  /** Bytes. */
  size: number
  /** Where the file is on the device: a temp file path in WeChat, a `blob:` URL in the browser. */
  path: string
}

async function pickWeapp(extensions: string[]): Promise<PickedFile | null> {
  let chosen
  try {
    chosen = await Taro.chooseMessageFile({ count: 1, type: 'file', extension: extensions })
  } catch {
    return null // the person closed the chooser
  }
  const file = chosen.tempFiles[0]
  return file ? { name: file.name, size: file.size, path: file.path } : null
}

function pickBrowser(extensions: string[]): Promise<PickedFile | null> {
  return new Promise((resolve) => {
    const input = document.createElement('input')
    input.type = 'file'
    input.accept = extensions.map((e) => `.${e}`).join(',')
    input.style.display = 'none'
    input.id = 'file-picker-input'
    input.onchange = () => {
      const file = input.files?.[0]
      input.remove()
      resolve(file ? { name: file.name, size: file.size, path: URL.createObjectURL(file) } : null)
    }
    document.body.appendChild(input)
    input.click()
  })
}

/** Asks for one file with one of `extensions` (without dots); null when the person chose none. */
export function pickFile(extensions: string[]): Promise<PickedFile | null> {
  return process.env.TARO_ENV === 'weapp' ? pickWeapp(extensions) : pickBrowser(extensions)
}
