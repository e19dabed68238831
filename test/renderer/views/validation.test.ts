import { describe, expect, it } from 'vitest';
import { baseName, parseClassList, pathProblem, splitPaths } from '../../../renderer/src/views/common/validation';
import { uploadPath } from '../../../renderer/src/api/droppedFiles';
import { prefetchPlan } from '../../../renderer/src/hooks/prefetchPlan';

describe('typed paths (browser mode)', () => {
  it('asks for a full path when a relative one is typed', () => {
    expect(pathProblem('projects/birds')).toMatch(/full path/);
    expect(pathProblem('   ')).toMatch(/full path/);
    expect(pathProblem('/home/ada/birds')).toBeNull();
    expect(pathProblem('C:\\data\\birds')).toBeNull();
  });

  it('reads one path per line and the folder name for a default project name', () => {
    expect(splitPaths(' /a \n\n/b\n')).toEqual(['/a', '/b']);
    expect(baseName('/home/ada/birds/')).toBe('birds');
  });
});

describe('initial classes', () => {
  it('splits on commas and trims', () => {
    expect(parseClassList(' cat, dog ,bird,').classes.map((c) => c.name)).toEqual(['cat', 'dog', 'bird']);
  });
  it('says which name is repeated', () => {
    expect(parseClassList('cat, Cat').problem).toBe('"Cat" is listed twice.');
  });
});

describe('dropped folders in the browser', () => {
  it('one dropped folder stands for its contents, so its subfolders become labels', () => {
    expect(uploadPath('/animals/cat/1.png', true)).toBe('cat/1.png');
  });
  it('several dropped folders keep their names', () => {
    expect(uploadPath('/cat/1.png', false)).toBe('cat/1.png');
  });
  it('never sends a path that climbs out of its folder', () => {
    expect(uploadPath('/a/../../etc/passwd', false)).toBe('a/etc/passwd');
  });
});

describe('image prefetch', () => {
  it('starts what is newly wanted and lets go of what left the window', () => {
    expect(prefetchPlan(['a', 'b'], ['b', 'c', 'c'])).toEqual({ start: ['c'], drop: ['a'] });
  });
});
