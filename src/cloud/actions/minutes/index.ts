/** Handlers of the actions declared in src/domain/api/catalog-minutes.ts. */
import type { MINUTES_ACTIONS } from '../../../domain/api/catalog-minutes'
import type { HandlersOf } from '../handler'
import { minutesAddPhoto, minutesGet, minutesPhoto, minutesSaveDraft } from './drafts'
import { minutesBook, minutesExport, minutesExportBook, minutesVerify } from './exports'
import { minutesAmend, minutesConfirmRead, minutesFinalize } from './finalize'

export const MINUTES_HANDLERS = {
  'minutes.get': minutesGet,
  'minutes.saveDraft': minutesSaveDraft,
  'minutes.addPhoto': minutesAddPhoto,
  'minutes.photo': minutesPhoto,
  'minutes.finalize': minutesFinalize,
  'minutes.amend': minutesAmend,
  'minutes.confirmRead': minutesConfirmRead,
  'minutes.verify': minutesVerify,
  'minutes.export': minutesExport,
  'minutes.book': minutesBook,
  'minutes.exportBook': minutesExportBook,
} satisfies HandlersOf<typeof MINUTES_ACTIONS>
