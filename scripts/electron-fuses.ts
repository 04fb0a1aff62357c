import { FuseV1Options, FuseVersion, flipFuses, type FuseV1Config } from '@electron/fuses';

/*
 * Electron's fuses: switches compiled into the Electron binary, flipped once
 * where the app is packaged (they cannot be changed at run time, by anyone).
 * Tanda needs none of what these turn off: it never runs Electron as plain
 * Node, never reads NODE_OPTIONS or --inspect flags, and loads its app only
 * from its own (integrity-checked) asar.
 *
 *   npx tsx scripts/electron-fuses.ts <path to the packaged Electron executable>
 *
 * or, from electron-builder, `afterPack: "scripts/electron-fuses.ts"` with
 * `electronFusesAfterPack` as the hook. Every fuse this Electron knows is set
 * (`strictlyRequireAllFuses`), so an Electron upgrade that adds one fails
 * here until it is decided.
 */
export const TANDA_FUSES = {
  version: FuseVersion.V1,
  strictlyRequireAllFuses: true,
  [FuseV1Options.RunAsNode]: false,
  [FuseV1Options.EnableCookieEncryption]: true,
  [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
  [FuseV1Options.EnableNodeCliInspectArguments]: false,
  [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
  [FuseV1Options.OnlyLoadAppFromAsar]: true,
  // Tanda uses no custom V8 snapshot, and loads its pages from app://, never file://.
  [FuseV1Options.LoadBrowserProcessSpecificV8Snapshot]: false,
  [FuseV1Options.GrantFileProtocolExtraPrivileges]: false,
} satisfies FuseV1Config;

/** Flip the fuses of one Electron executable (macOS: also re-signs ad hoc, as @electron/fuses requires). */
export function applyTandaFuses(electronExecutable: string): Promise<number> {
  return flipFuses(electronExecutable, {
    ...TANDA_FUSES,
    resetAdHocDarwinSignature: process.platform === 'darwin',
  });
}

/** electron-builder's afterPack hook. */
export async function electronFusesAfterPack(context: {
  appOutDir: string;
  packager: { appInfo: { productFilename: string } };
  electronPlatformName: string;
}): Promise<void> {
  const name = context.packager.appInfo.productFilename;
  const executable =
    context.electronPlatformName === 'darwin'
      ? `${context.appOutDir}/${name}.app/Contents/MacOS/${name}`
      : context.electronPlatformName === 'win32'
        ? `${context.appOutDir}/${name}.exe`
        : `${context.appOutDir}/${name.toLowerCase()}`;
  await applyTandaFuses(executable);
}

if (process.argv[1] && /electron-fuses\.ts$/.test(process.argv[1])) {
  const target = process.argv[2];
  if (!target) {
    console.error('usage: npx tsx scripts/electron-fuses.ts <path to the packaged Electron executable>');
    process.exit(2);
  }
  applyTandaFuses(target).then(
    () => console.log(`fuses set on ${target}`),
    (error: unknown) => {
      console.error(
        `cannot set the fuses of ${target}: ${error instanceof Error ? error.message : String(error)}`,
      );
      process.exit(1);
    },
  );
}
