// Shared by the post-build scripts: every file under a build directory.
import { readdirSync, statSync } from "node:fs";
import { join } from "node:path";

/** Paths of all files below `dir`, relative to it, with "/" separators. */
export function walk(dir, prefix = "") {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    const rel = prefix + name;
    return statSync(path).isDirectory() ? walk(path, rel + "/") : [rel];
  });
}
