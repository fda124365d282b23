import { filledMirror } from './bench-mirror-fill.ts'
import { statSync } from 'node:fs'
const r = await filledMirror()
console.log(r, statSync(r.path).size / 1e6, 'MB')
