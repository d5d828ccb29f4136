/**
 * Choosing a file to import: from a chat with `chooseMessageFile` in WeChat (where branch rosters
 * arrive), a file input in the browser. The content comes back as base64 so its encoding survives.
 */
import Taro from '@tarojs/taro'

export interface PickedFile {
  name: string
  size: number
  base64: string
}

async function pickWeapp(extensions: string[]): Promise<PickedFile | null> {
  let chosen
  try {
    chosen = await Taro.chooseMessageFile({ count: 1, type: 'file', extension: extensions })
  } catch {
    return null // the person closed the chooser
  }
  const file = chosen.tempFiles[0]
  if (!file) return null
  const data = await new Promise<string>((resolve, reject) =>
    Taro.getFileSystemManager().readFile({
      filePath: file.path,
      encoding: 'base64',
      success: (r) => resolve(r.data as string),
      fail: reject,
    }),
  )
  return { name: file.name, size: file.size, base64: data }
}

function pickBrowser(extensions: string[]): Promise<PickedFile | null> {
  return new Promise((resolve, reject) => {
    const input = document.createElement('input')
    input.type = 'file'
    input.accept = extensions.map((e) => `.${e}`).join(',')
    input.style.display = 'none'
    input.id = 'file-picker-input'
    input.onchange = () => {
      const file = input.files?.[0]
      input.remove()
      if (!file) return resolve(null)
      const reader = new FileReader()
      reader.onload = () => {
        const url = String(reader.result)
        resolve({ name: file.name, size: file.size, base64: url.slice(url.indexOf(',') + 1) })
      }
      reader.onerror = () => reject(reader.error)
      reader.readAsDataURL(file)
    }
    document.body.appendChild(input)
    input.click()
  })
}

export function pickFile(extensions: string[]): Promise<PickedFile | null> {
  return process.env.TARO_ENV === 'weapp' ? pickWeapp(extensions) : pickBrowser(extensions)
}
