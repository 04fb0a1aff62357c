/** Path of the Electron executable, or null when it is not installed. Never triggers a download. */
export function findElectronBinary(projectRoot?: string, env?: NodeJS.ProcessEnv): string | null;
export function electronPackageDir(projectRoot?: string): string | null;
export function platformExecutable(platform?: NodeJS.Platform | 'mas'): string;
