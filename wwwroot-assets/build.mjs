// Copies the chart runtime (ApexCharts' ES module) and our interop module into the web app's wwwroot.
// Run by the Velocitas.Web build after `npm ci`; nothing it writes is committed.
import { copyFileSync, mkdirSync, readdirSync } from 'node:fs';
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
console.log(`velocitas-charts -> ${out}`);
