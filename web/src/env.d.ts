// vue-tsc resolves .vue files itself; this declaration is for tools that only speak TypeScript
// (typescript-eslint's type-aware rules), so that an import of a component has a component type.
declare module '*.vue' {
  import type { DefineComponent } from 'vue';
  const component: DefineComponent;
  export default component;
}
