// Builds dist/ from src/: the skeleton copies the page and its script; a real frontend runs its bundler here.
import { copyFileSync, mkdirSync } from "node:fs";

mkdirSync("dist", { recursive: true });
for (const f of ["index.html", "main.js"]) copyFileSync(`src/${f}`, `dist/${f}`);
console.log("built dist/");
