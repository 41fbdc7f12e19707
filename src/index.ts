// Entry point of the main step (dist/main/index.js).
import { run } from './main.js'
import { exitSoon } from './runner.js'

await run()
exitSoon()
