// @ts-check
// TypeDoc plugin: names each module after the import specifier a user writes (`isosdk`,
// `isosdk/auth`, `isosdk/wikijs`, …) instead of its folder (`index`, `auth`, `wikijs`).
import { Converter, ReflectionKind } from 'typedoc'

/** @param {import('typedoc').Application} app */
export function load(app) {
  app.converter.on(Converter.EVENT_RESOLVE_BEGIN, (context) => {
    for (const module of context.project.getChildrenByKind(ReflectionKind.Module)) {
      module.name = module.name === 'index' ? 'isosdk' : `isosdk/${module.name}`
    }
  })
}
