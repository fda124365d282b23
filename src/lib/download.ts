/** Starts the download of a file our server sends as an attachment, without leaving the page. */
export function downloadFile(path: string) {
  const link = document.createElement('a')
  link.href = path
  // Empty: the server names the file (Content-Disposition).
  link.download = ''
  link.hidden = true
  document.body.append(link)
  link.click()
  link.remove()
}
