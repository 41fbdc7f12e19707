// Entry point of the post step (dist/post/index.js).
import { runPost } from './post.js'

await runPost()
