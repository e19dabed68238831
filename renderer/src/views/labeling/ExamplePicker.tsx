import { useEffect, useState } from 'react';
import { useStudio } from '../../hooks/useStudio';
import { selectClasses } from '../../store/selectors';

/** "Use as example": adds this image to a class's examples, shown beside its guideline. */
export function ExamplePicker({ sampleId, preferred }: { sampleId: string; preferred: string | null }) {
  const classes = useStudio(selectClasses);
  const addExample = useStudio((s) => s.addExample);
  const [classId, setClassId] = useState(preferred ?? classes[0]?.id ?? '');
  useEffect(() => setClassId(preferred ?? classes[0]?.id ?? ''), [sampleId, preferred, classes]);
  if (classes.length === 0) return null;
  return (
    <div className="example-picker">
      <label htmlFor="example-class">Use as example of</label>
      <select id="example-class" value={classId} onChange={(e) => setClassId(e.target.value)}>
        {classes.map((c) => (
          <option key={c.id} value={c.id}>
            {c.name}
          </option>
        ))}
      </select>
      <button type="button" className="small" disabled={!classId} onClick={() => void addExample(classId, sampleId)}>
        Use as example
      </button>
    </div>
  );
}
