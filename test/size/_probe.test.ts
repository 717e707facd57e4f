import { it } from 'vitest'
import { bundleSize } from './bundle.js'
it('probe', async () => {
  const s = await bundleSize(`import { createClient } from './src/index.ts'
import { apiKey } from './src/auth/index.ts'
import { getPage } from './src/wikijs/index.ts'
const client = createClient({ baseURL: 'https://api.example.com', auth: apiKey({ key: 'key-0123456789' }) })
getPage(client, 1).then((value) => console.log(value))`)
  console.log(s.gzip, s.bytes)
  console.log(Object.entries(s.inputs).sort((a, b) => b[1] - a[1]).map(([p, b]) => `${b}\t${p}`).join('\n'))
})
