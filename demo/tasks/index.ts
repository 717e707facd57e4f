import type { DemoTask } from '../stats.js'
import { bloomyTask } from './bloomy.js'
import { folioTask } from './folio.js'
import { wikijsTask } from './wikijs.js'

export const tasks: DemoTask[] = [folioTask, bloomyTask, wikijsTask]
