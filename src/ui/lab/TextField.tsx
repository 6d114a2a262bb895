import { useState } from 'react';
import { Tip } from '../controls/Tip';

/** A text box that commits on Enter or blur (so half-typed lists start nothing). */
export function TextField({
  label,
  value,
  help,
  testId,
  onCommit,
}: {
  label: string;
  value: string;
  help?: string;
  testId?: string;
  onCommit(v: string): void;
}) {
  const [text, setText] = useState(value);
  const [shown, setShown] = useState(value);
  if (shown !== value) {
    setShown(value);
    setText(value);
  }
  const commit = () => text !== value && onCommit(text);
  return (
    <label className="control">
      <span className="control-label">
        {label}
        {help && <Tip>{help}</Tip>}
      </span>
      <input
        type="text"
        value={text}
        data-testid={testId}
        onChange={(e) => setText(e.target.value)}
        onBlur={commit}
        onKeyDown={(e) => e.key === 'Enter' && commit()}
      />
    </label>
  );
}
