import { useId, type ReactNode } from 'react';

interface FormFieldProps {
  label: string;
  error?: string | null;
  hint?: ReactNode;
  /** Renders the control with the id, and the description id when there is an error or hint. */
  children(ids: { id: string; describedBy: string | undefined; invalid: true | undefined }): ReactNode;
  className?: string;
}

/** A label, one control, and the reason it was refused (or a hint) right under it. */
export function FormField({ label, error, hint, children, className }: FormFieldProps) {
  const id = useId();
  const note = error || hint ? `${id}-note` : undefined;
  return (
    <div className={className ? `field ${className}` : 'field'}>
      <label htmlFor={id}>{label}</label>
      {children({ id, describedBy: note, invalid: error ? true : undefined })}
      {error ? (
        <span id={note} className="error-text" role="alert">
          {error}
        </span>
      ) : (
        hint && (
          <span id={note} className="hint-text">
            {hint}
          </span>
        )
      )}
    </div>
  );
}
