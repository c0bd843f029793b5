// Shared by the post-build scripts: every file under a build directory, and the app's pages.
import { readdirSync, statSync } from "node:fs";
import { join } from "node:path";

/** The app's prerendered pages, one per language (src/page.rs): a visit loads one of them. */
export const LANGUAGE_PAGES = ["index.html", "zh.html"];

/** Paths of all files below `dir`, relative to it, with "/" separators. */
export function walk(dir, prefix = "") {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    const rel = prefix + name;
    return statSync(path).isDirectory() ? walk(path, rel + "/") : [rel];
  });
}
