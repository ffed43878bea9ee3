// medusa-config.js: only what `medusa-admin build` (@medusajs/admin 7.x) reads: the admin plugin
// and its options. No Medusa server is involved. path "/app": the dashboard's routes and assets
// live under /app; backend "/": it calls /admin/... on its own origin (medusa-fcgi behind the
// same nginx), so its session cookie works without CORS. Both are compiled into the build.
module.exports = {
  projectConfig: {},
  plugins: [
    {
      resolve: "@medusajs/admin",
      options: { serve: false, path: "/app", backend: "/", outDir: "build" },
    },
  ],
};
