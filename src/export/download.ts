/** Saves a Blob as a file through a temporary download link (works in every browser, no permission). */
export function saveBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.style.display = 'none';
  document.body.appendChild(a);
  a.click();
  a.remove();
  // the download has started by now; keep the URL a little for browsers that read it lazily
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
