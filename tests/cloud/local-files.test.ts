/**
 * The local disk adapter under concurrent writes of one path: each write goes through a temporary
 * file of its own, so every write succeeds, the file holds one whole write, and no temporary is left.
 */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { LocalFiles } from '../../src/cloud/adapters/local-files'

let root: string
beforeEach(() => {
  root = mkdtempSync(path.join(os.tmpdir(), 'party-files-'))
})
afterEach(() => rmSync(root, { recursive: true, force: true }))

test('concurrent writes of one path all succeed and leave one whole file, no temporaries', async () => {
  const files = new LocalFiles(root)
  const contents = Array.from({ length: 8 }, (_, i) => Buffer.alloc(256 * 1024 + i, 65 + i))
  const results = await Promise.allSettled(contents.map((c) => files.put('minutes/mtg_1/photo.jpg', c)))
  expect(results.map((r) => r.status)).toEqual(contents.map(() => 'fulfilled'))
  const stored = await files.get('local:minutes/mtg_1/photo.jpg')
  expect(contents.some((c) => c.equals(stored))).toBe(true)
  expect(readdirSync(path.join(root, 'minutes/mtg_1'))).toEqual(['photo.jpg'])
})

test('a failed write leaves neither the file nor a temporary', async () => {
  const files = new LocalFiles(root)
  // A directory where the file should go: the rename fails after the temporary was written.
  await files.put('minutes/mtg_2/photo.jpg/inner.jpg', Buffer.from('x'))
  await expect(files.put('minutes/mtg_2/photo.jpg', Buffer.from('y'))).rejects.toThrow()
  expect(readdirSync(path.join(root, 'minutes/mtg_2'))).toEqual(['photo.jpg'])
  expect(readdirSync(path.join(root, 'minutes/mtg_2/photo.jpg'))).toEqual(['inner.jpg'])
})
