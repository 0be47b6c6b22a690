// MDX modules compiled by @mdx-js/rollup: the post body as a component, and its front matter.
declare module "*.mdx" {
  import type { ComponentType } from "react";
  const Post: ComponentType;
  export default Post;
}
