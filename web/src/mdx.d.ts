// MDX modules compiled by @mdx-js/rollup: the post body as a component, and its front matter.
declare module "*.mdx" {
  import type { ComponentType } from "react";
  /** Elements the body renders, replaced by components (e.g. `pre`). */
  const Post: ComponentType<{ components?: Record<string, ComponentType<never>> }>;
  export default Post;
}
