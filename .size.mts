import { bundleSize } from './test/size/bundle.ts'
const code = `import { createClient } from './src/index.ts'
import { apiKey } from './src/auth/index.ts'
import { getPage } from './src/wikijs/index.ts'
const c = createClient({ baseURL: 'https://x', auth: apiKey({ key: 'k' }) })
getPage(c, 1).then(console.log)`
const s = await bundleSize(code)
console.log(s.gzip, s.bytes, Object.entries(s.inputs).sort((a,b)=>b[1]-a[1]).slice(0,16).map(([k,v])=>k.replace('src/','')+' '+v).join(', '))
