// A file staff drop or choose (the approved report, the signed consent): hashed here with the
// SHA-256 the send check compares, handed on with the file itself. One component for the
// approval and the consent forms.
import { useState, type DragEvent } from 'react';
import { fileHash } from '../../utils/browser/records/actions.ts';

export interface DroppedFile {
  sha256: string;
  name: string;
  file: File;
}

export interface FileDropProps {
  /** The file input's id (its label points at it). */
  id: string;
  intro: string;
  label: string;
  /** The input's name, and the drop zone's test id (`<testId>`). */
  name: string;
  testId: string;
  accept?: string;
  onFile(file: DroppedFile): void;
}

export function FileDrop({ id, intro, label, name, testId, accept, onFile }: FileDropProps) {
  const [reading, setReading] = useState(false);

  async function take(file: File | undefined) {
    if (!file) return;
    setReading(true);
    try {
      onFile({ sha256: await fileHash(file), name: file.name, file });
    } finally {
      setReading(false);
    }
  }

  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    void take(e.dataTransfer.files[0]);
  };

  return (
    <div className="rg-drop" onDragOver={(e) => e.preventDefault()} onDrop={onDrop} data-testid={testId} aria-busy={reading}>
      <p>{intro}</p>
      <label htmlFor={id}>{label}</label>
      <input id={id} type="file" name={name} {...(accept ? { accept } : {})} onChange={(e) => void take(e.currentTarget.files?.[0])} />
    </div>
  );
}
