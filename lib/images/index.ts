export { BASE_IMAGE_PARAMETERS } from './public-parameters';
export { imagesToPin } from './images-to-pin';
export { refreshLock, parametersFor, type LockChange, type RefreshResult } from './refresh-lock';
export { imageLockYaml } from './lock-yaml';
