/** Builds test zips with Python's zipfile, so the bytes come from a real, independent writer. */
import { execFileSync } from 'node:child_process';

export interface ZipEntrySpec {
  /** Stored exactly as given: `../evil`, `/abs`, `a\\b` included. */
  name: string;
  text?: string;
  /** Unix mode (type bits included) for the external attributes, e.g. 0o120777 for a symlink. */
  mode?: number;
  /** Store without compression (the bytes of `text` appear as-is in the zip). */
  stored?: boolean;
}

const SCRIPT = String.raw`
import json, os, sys, warnings, zipfile
warnings.simplefilter("ignore")  # duplicate names are on purpose
spec = json.load(sys.stdin)
with zipfile.ZipFile(spec["path"], "w", zipfile.ZIP_DEFLATED) as z:
    for e in spec.get("entries", []):
        info = zipfile.ZipInfo(e["name"], date_time=(2024, 1, 1, 0, 0, 0))
        info.compress_type = zipfile.ZIP_STORED if e.get("stored") else zipfile.ZIP_DEFLATED
        info.create_system = 3
        if "mode" in e:
            info.external_attr = e["mode"] << 16
        elif e["name"].endswith("/"):
            info.external_attr = (0o040755 << 16) | 0x10
        else:
            info.external_attr = 0o100644 << 16
        z.writestr(info, e.get("text", ""))
    src = spec.get("dir")
    if src:
        for root, dirs, files in os.walk(src):
            dirs.sort()
            for f in sorted(files):
                full = os.path.join(root, f)
                z.write(full, spec.get("prefix", "") + os.path.relpath(full, src))
`;

function run(spec: object): void {
  execFileSync('python3', ['-c', SCRIPT], { input: JSON.stringify(spec), stdio: ['pipe', 'pipe', 'pipe'] });
}

/** A zip holding exactly these entries. */
export function makeZip(path: string, entries: ZipEntrySpec[]): void {
  run({ path, entries });
}

/** A zip of a directory's files, under `prefix` (e.g. `otp/` to zip the folder itself), plus extra entries. */
export function zipDirectory(dir: string, path: string, prefix = '', entries: ZipEntrySpec[] = []): void {
  run({ path, dir, prefix, entries });
}
