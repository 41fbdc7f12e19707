// Entry point of the main step (dist/main/index.js).
import { run } from './steps/main.js'
import { exitSoon } from './action/runner.js'

await run()
exitSoon()
