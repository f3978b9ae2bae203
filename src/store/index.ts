export { openDb } from './db';
export { StoreError } from './errors';
export { capture, type CaptureInput, type CaptureKind } from './capture';
export {
  lookup,
  badgeFor,
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
  type LogTouchInput,
  type PersonPatch,
  type DmInput,
} from './people';
export { markHandRaisePost, unmarkHandRaisePost, isHandRaisePost, listHandRaisePosts } from './posts';
export type { HandRaisePost as HandRaisePostInput } from '../domain/types';
export { recordSiteHealth, listSiteHealth } from './health';
export { getSettings, setSettings, recomputeAll } from './settings';
export { countDue } from './due';
export { today, queuePage } from './today';
export { pipeline, stageCounts, groupTotals } from './pipeline';
export { insight, type InsightRange } from './insight';
export { exportJson, importJson, deleteAll } from './backup';
