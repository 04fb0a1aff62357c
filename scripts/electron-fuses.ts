import {
  FuseV1Options,
  FuseVersion,
  flipFuses,
  getCurrentFuseWire,
  type FuseV1Config,
} from '@electron/fuses';

/*
 * Electron's fuses: switches compiled into the Electron binary, flipped once
 * where the app is packaged (they cannot be changed at run time, by anyone).
 * Tanda needs none of what these turn off: it never runs Electron as plain
 * Node, never reads NODE_OPTIONS or --inspect flags, and loads its app only
 * from its own (integrity-checked) asar.
 *
 *   npm run package:fuses -- <path to the packaged Electron executable>
 *   npm run package:fuses -- --check <path>   (fails unless every fuse is as below)
 *
 * This is the packaging step: Tanda has no packager in this repository, so
 * whoever builds a release runs it on the packaged executable (after any
 * code signing on Windows is redone; macOS is re-signed ad hoc here), then
 * `--check`. The unit test flips and checks a synthetic fuse wire.
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

/** ENABLE / DISABLE as @electron/fuses writes them in the wire (ASCII "1" / "0"). */
const FUSE_ON = 0x31;
const FUSE_OFF = 0x30;

/** The fuses of an executable that differ from `TANDA_FUSES` (by name); empty when all are set. */
export async function checkTandaFuses(electronExecutable: string): Promise<string[]> {
  const wire = (await getCurrentFuseWire(electronExecutable)) as unknown as Record<string, unknown>;
  const wrong: string[] = [];
  for (const [key, wanted] of Object.entries(TANDA_FUSES)) {
    const index = Number(key);
    if (!Number.isInteger(index)) continue;
    const state = wire[String(index)];
    if (state !== (wanted ? FUSE_ON : FUSE_OFF)) wrong.push(FuseV1Options[index] ?? `fuse ${index}`);
  }
  return wrong;
}

/** The command line: exit 0 when done, 1 when the executable cannot be changed or is wrong, 2 on bad usage. */
export async function fusesCli(
  args: readonly string[],
  log = console.log,
  fail = console.error,
): Promise<number> {
  const check = args[0] === '--check';
  const target = check ? args[1] : args[0];
  if (!target || args.length !== (check ? 2 : 1)) {
    fail('usage: npm run package:fuses -- [--check] <path to the packaged Electron executable>');
    return 2;
  }
  try {
    if (!check) await applyTandaFuses(target);
    const wrong = await checkTandaFuses(target);
    if (wrong.length > 0) {
      fail(`fuses of ${target} not as Tanda needs them: ${wrong.join(', ')}`);
      return 1;
    }
    log(check ? `fuses of ${target} are as Tanda needs them` : `fuses set on ${target}`);
    return 0;
  } catch (error) {
    fail(
      `cannot ${check ? 'read' : 'set'} the fuses of ${target}: ${error instanceof Error ? error.message : String(error)}`,
    );
    return 1;
  }
}

if (process.argv[1] && /electron-fuses\.ts$/.test(process.argv[1])) {
  void fusesCli(process.argv.slice(2)).then((code) => process.exit(code));
}
