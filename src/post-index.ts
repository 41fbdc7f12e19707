// Entry point of the post step (dist/post/index.js).
import { run } from './post.js'

await run()
