// Copies the chart runtime (ApexCharts' ES module), our interop modules and the Monaco editor into the web app's wwwroot.
// Run by the Velocitas.Web build after `npm ci`; nothing it writes is committed.
import { copyFileSync, cpSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const out = process.argv[2] ?? join(here, '..', 'Velocitas.Web', 'wwwroot', 'lib', 'velocitas-charts');
mkdirSync(out, { recursive: true });
copyFileSync(join(here, 'node_modules', 'apexcharts', 'dist', 'apexcharts.esm.js'), join(out, 'apexcharts.esm.js'));
copyFileSync(join(here, 'node_modules', 'apexcharts', 'LICENSE'), join(out, 'apexcharts.LICENSE.txt'));
for (const file of readdirSync(join(here, 'src'))) {
  copyFileSync(join(here, 'src', file), join(out, file));
}
// The Lab's code editor: Monaco's minified AMD build (loader.js + vs/...), served as it ships.
const monaco = join(out, '..', 'monaco');
rmSync(monaco, { recursive: true, force: true });
cpSync(join(here, 'node_modules', 'monaco-editor', 'min'), monaco, { recursive: true });
copyFileSync(join(here, 'node_modules', 'monaco-editor', 'LICENSE'), join(monaco, 'monaco-editor.LICENSE.txt'));
console.log(`velocitas-charts -> ${out}, monaco -> ${monaco}`);
