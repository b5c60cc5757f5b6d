/** Hands a file made in the page to the browser (or Electron) to save, as a download. */
export function saveFile(file: { fileName: string; mimeType: string; content: string }): void {
  const link = document.createElement("a");
  link.href = URL.createObjectURL(new Blob([file.content], { type: file.mimeType }));
  link.download = file.fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
}
