/**
 * Where the page posts a drawing: the API root the page was served from. The page's own URL may lack the
 * trailing slash (`https://…/Prod`, as API Gateway's stage URL is often typed), and a URL relative to it would
 * then resolve outside the stage; so the page's path is taken as a folder, unless it names a file
 * (`/Prod/index.html`). Plain JavaScript: its source is embedded in the page's script.
 */
export function classifyUrl(href: string): string {
  const url = new URL(href);
  let path = url.pathname;
  if (path.charAt(path.length - 1) !== '/') {
    const slash = path.lastIndexOf('/');
    path = path.slice(slash + 1).indexOf('.') >= 0 ? path.slice(0, slash + 1) : `${path}/`;
  }
  return `${url.origin + path}?top=10`;
}
