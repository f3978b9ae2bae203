export { HandraiserDB, openDb } from './db';
export { VERSIONS, CURRENT_VERSION } from './versions';
export { StoreError, ImportError, type ImportProblem } from './errors';
export { capture, type CaptureInput, type CaptureResult, type CaptureKind } from './capture';
export {
  lookup,
  badgeFor,
  getPerson,
  logTouch,
  deleteTouch,
  setStage,
  setQualification,
  updatePerson,
  scheduleAppointment,
  updateAppointment,
  mergePeople,
  personDetail,
  recordDmMessages,
  addPerson,
  deletePerson,
  restorePerson,
  type AddPersonInput,
  type DeletedPerson,
  type LogTouchInput,
  type PersonPatch,
  type PersonDetail,
  type DmInput,
} from './people';
export { markHandRaisePost, unmarkHandRaisePost, isHandRaisePost, listHandRaisePosts } from './posts';
export type { HandRaisePost as HandRaisePostInput } from '../domain/types';
export { recordSiteHealth, listSiteHealth } from './health';
export { getSettings, setSettings, recomputeAll } from './settings';
export { dueBetween, dueUpTo, countDue } from './due';
export { today, queuePage, QUEUE_FIRST_PAGE, type TodayView, type QueueRow, type QueueTierPage } from './today';
export { pipeline, stageCounts, groupTotals, queryGroup, SEARCH_LIMIT, type PipelineQuery, type PipelinePage, type GroupTotals } from './pipeline';
export { insight, type InsightRange } from './insight';
export { exportJson, importJson, validateBackup, deleteAll, type BackupData, type ImportSummary } from './backup';
export type { BadgeData, PersonWithSignals } from './views';
