import { fileURLToPath, URL } from 'node:url';
import { defineConfig } from 'vite';
import vue from '@vitejs/plugin-vue';
import AutoImport from 'unplugin-auto-import/vite';
import Components from 'unplugin-vue-components/vite';
import { ElementPlusResolver } from 'unplugin-vue-components/resolvers';
import { precompress } from './build/precompress-plugin.ts';
import { sizeReport } from './build/size-report-plugin.ts';

const apiTarget = process.env.API_TARGET ?? 'http://localhost:3000';
const proxy = { '/api': { target: apiTarget, changeOrigin: true } };

export default defineConfig({
  plugins: [
    vue(),
    // Only Element Plus's functional APIs (ElMessage, ElMessageBox …) are auto-imported, so their
    // styles come along; Vue and our own modules are imported explicitly where they are used.
    AutoImport({
      resolvers: [ElementPlusResolver()],
      dts: 'src/auto-imports.d.ts',
    }),
    Components({
      resolvers: [ElementPlusResolver()],
      dirs: [],
      dts: 'src/components.d.ts',
    }),
    sizeReport({
      budgetKb: 250,
      screens: {
        登录: ['LoginView.vue'],
        修改密码: ['ChangePasswordView.vue'],
        首页: ['AppLayout.vue', 'HomeView.vue'],
        用户列表: ['AppLayout.vue', 'UserListView.vue'],
        花名册导入: ['AppLayout.vue', 'RosterImportView.vue'],
        考试答题: ['ExamAttemptView.vue'],
        我的考试: ['AppLayout.vue', 'MyExamsView.vue'],
        考试成绩: ['AppLayout.vue', 'ExamResultView.vue'],
        错题本: ['AppLayout.vue', 'WrongBookView.vue'],
        专项练习: ['AppLayout.vue', 'PracticeView.vue'],
        统计看板: ['AppLayout.vue', 'StatsDashboardView.vue'],
        周五通报: ['AppLayout.vue', 'WeeklyReportView.vue'],
        课前3分钟: ['AppLayout.vue', 'TeachView.vue'],
        课前3分钟放映: ['PresentView.vue'],
        提示库: ['AppLayout.vue', 'LibraryView.vue'],
        覆盖情况: ['AppLayout.vue', 'CoverageView.vue'],
        新生信: ['AppLayout.vue', 'LetterView.vue'],
        我的课程: ['AppLayout.vue', 'MyCoursesView.vue'],
        课时学习: ['AppLayout.vue', 'LessonView.vue'],
        课程编辑: ['AppLayout.vue', 'CourseEditorView.vue'],
        学习进度: ['AppLayout.vue', 'CourseProgressView.vue'],
        防骗警示: ['AppLayout.vue', 'MyAlertsView.vue'],
        国家反诈中心APP: ['AppLayout.vue', 'MyAppView.vue'],
        警示发布: ['AppLayout.vue', 'AlertListView.vue'],
        APP安装统计: ['AppLayout.vue', 'AppStatsView.vue'],
        信息报送填写: ['AppLayout.vue', 'ReportEditorView.vue'],
        审计日志: ['AppLayout.vue', 'AuditLogView.vue'],
      },
    }),
    precompress(),
  ],
  resolve: {
    alias: {
      '@': fileURLToPath(new URL('./src', import.meta.url)),
      '@campus/shared': fileURLToPath(new URL('../shared/src/index.ts', import.meta.url)),
    },
  },
  server: { port: 5173, proxy },
  preview: { port: 4173, proxy },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    rolldownOptions: {
      // An app, not a library: entry chunks need not keep their export signatures, which lets
      // small common chunks be inlined below.
      preserveEntrySignatures: false,
      output: {
        // Vue, the router and Pinia are needed by every screen and change rarely: one cacheable chunk.
        codeSplitting: {
          // Screens share many small modules (an Element Plus component and its style, a helper):
          // left alone they become ≈ 30 chunks of < 2 KB each on the exam page, each a round trip
          // and ≈ 0.4 KB of headers on a phone network. Below 4 KB a common chunk is copied into
          // the chunks that use it instead.
          experimentalInlineCommonChunks: { maxSize: 4 * 1024 },
          groups: [
            {
              name: 'vue',
              test: /[\\/]node_modules[\\/](?:\.pnpm[\\/][^\\/]+[\\/]node_modules[\\/])?(?:vue|@vue[\\/][^\\/]+|vue-router|pinia)[\\/]/,
            },
          ],
        },
        // Shared chunks are otherwise named after an arbitrary first module (often a style file).
        chunkFileNames: (chunk) =>
          chunk.isDynamicEntry || chunk.name === 'vue' ? 'assets/[name]-[hash].js' : 'assets/shared-[hash].js',
        // Likewise for CSS: only a component's own stylesheet (PascalCase, e.g. AppLayout) keeps its name.
        assetFileNames: (asset) =>
          /^[A-Z]/.test(asset.names[0] ?? '') || !asset.names[0]?.endsWith('.css')
            ? 'assets/[name]-[hash][extname]'
            : 'assets/shared-[hash][extname]',
      },
    },
  },
});
