/**
 * 打印会议通知 and 打印签到表 on the meeting page (issue 20 §7), in jsdom against the real server code:
 * the organizer's buttons download Word documents holding the meeting and the people expected; a
 * plain member sees no print buttons.
 */
import { act, fireEvent, render, waitFor } from '@testing-library/react'
import JSZip from 'jszip'
import { TextDecoder as UtilTextDecoder, TextEncoder as UtilTextEncoder } from 'node:util'
import type { MeetingDetail } from '../../src/domain/api/views'
import MeetingDetailPage from '../../src/packages/meeting/pages/detail/index'
import { MEMBER_B1, scheduleInput, SECRETARY_B1 } from '../cloud/api-fixture'
import { navigation, resetTaroMock } from '../mocks/taro'
import { closeLink, link, openLink } from './real-api'

// The server's .docx writer runs in this jsdom test; Node has TextEncoder, jsdom's window does not.
Object.assign(globalThis, { TextEncoder: UtilTextEncoder, TextDecoder: UtilTextDecoder })

let meeting: MeetingDetail
beforeEach(async () => {
  resetTaroMock()
  await openLink(SECRETARY_B1)
  const input = scheduleInput({ title: '打印测试主题党日', agenda: ['重温入党誓词', '集中学习'] })
  const r = await link.api!.as(SECRETARY_B1).result('meeting.schedule', input, 'ui-print-sched-01')
  if (!r.ok) throw new Error(r.error.message)
  meeting = r.data
  navigation.params = { id: meeting.id }
})
afterEach(closeLink)

/** What the page offered as a download: the file name and the document's text. */
function catchDownload(): Promise<{ name: string; text: string }> {
  return new Promise((resolve) => {
    let blob: Blob | null = null
    URL.createObjectURL = ((b: Blob) => {
      blob = b
      return 'blob:test'
    }) as typeof URL.createObjectURL
    URL.revokeObjectURL = () => undefined
    HTMLAnchorElement.prototype.click = function click(this: HTMLAnchorElement) {
      const name = this.download
      const reader = new FileReader()
      reader.onload = async () => {
        const zip = await JSZip.loadAsync(new Uint8Array(reader.result as ArrayBuffer))
        const xml = await zip.file('word/document.xml')!.async('string')
        resolve({ name, text: xml.replace(/<[^>]+>/g, '') })
      }
      reader.readAsArrayBuffer(blob!)
    }
  })
}

test('the organizer prints the notice and the sign sheet as Word documents', async () => {
  const { container } = render(<MeetingDetailPage />)
  await waitFor(() => expect(container.querySelector('#print-notice')).not.toBeNull())

  let offered = catchDownload()
  await act(async () => fireEvent.click(container.querySelector('#print-notice')!))
  let file = await offered
  expect(file.name).toMatch(/^会议通知_.+打印测试主题党日\.docx$/)
  expect(file.text).toContain('会议通知')
  expect(file.text).toContain('1. 重温入党誓词')
  expect(file.text).toContain(`参加人员（${meeting.participantCount} 人）`)

  offered = catchDownload()
  await act(async () => fireEvent.click(container.querySelector('#print-sign-sheet')!))
  file = await offered
  expect(file.name).toMatch(/^签到表_.+\.docx$/)
  expect(file.text).toContain('本人签名')
  for (const p of meeting.participants) expect(file.text).toContain(p.name)
  expect(container.querySelector('#meeting-print-problem')).toBeNull()
})

test('a plain member sees no print buttons', async () => {
  link.user = MEMBER_B1
  const { container } = render(<MeetingDetailPage />)
  await waitFor(() => expect(container.querySelector('#meeting-title')).not.toBeNull())
  expect(container.querySelector('#meeting-print')).toBeNull()
})
