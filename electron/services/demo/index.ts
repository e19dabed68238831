export { createDemoProject, type DemoOptions } from './createDemoProject';
