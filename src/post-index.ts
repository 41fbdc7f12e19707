// Entry point of the post step (dist/post/index.js).
import { run } from './steps/post.js'
import { exitSoon } from './action/runner.js'

await run()
exitSoon()
