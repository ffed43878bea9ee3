/* uploads.c: POST /admin/uploads and /admin/uploads/protected (multer's array("files"): every
 * file of the form field "files"), DELETE /admin/uploads and POST /admin/uploads/download-url,
 * as Medusa 1.20's upload routes over its local file service (domain/upload.c). The web server
 * serves the files from upload_dir; the pool only stores and deletes them. Medusa answers a
 * body that is not multipart with a 500 (req.files is undefined); we answer 400. */
#include <string.h>

#include "core/conf.h"
#include "core/json.h"
#include "domain/upload.h"
#include "http/multipart.h"
#include "http/req.h"
#include "http/resp.h"
#include "http/router.h"
#include "front/validate.h"

/* The URL of a key: upload_url + "/" + key, on the API's own origin when upload_url is a path
 * (as Medusa's backend_url makes it absolute). */
static const char *key_url(struct req *r, const char *key)
{
    const char *base = r->c.conf->upload_url, *h = r->host;
    int host_ok = h && *h && strlen(h) < 256;
    for (const char *p = h; host_ok && *p; p++)
        host_ok = (*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
                  (*p >= '0' && *p <= '9') || strchr(".-:[]", *p);
    if (*base == '/' && host_ok)
        return arena_printf(&r->c.arena, "%s://%s%s/%s", r->https ? "https" : "http", h,
                            strcmp(base, "/") ? base : "", key);
    return arena_printf(&r->c.arena, "%s/%s", strcmp(base, "/") ? base : "", key);
}

static int store(struct req *r, int protect)
{
    struct ctx *c = &r->c;
    const char *boundary = multipart_boundary(&c->arena, r->content_type), **keys;
    struct upload_file *files;
    struct mp_part *parts;
    struct json_object *list, *o;
    char why[128];
    int n, nfiles = 0;
    if (r->body_too_large)
        return err_set(c, ERR_INVALID_DATA, "request entity too large");
    if (!boundary)
        return err_set(c, ERR_INVALID_DATA, "The request body must be multipart/form-data");
    if ((n = multipart_parse(&c->arena, boundary, r->body, r->body_len, &parts, why, sizeof(why))) <
        0)
        return err_set(c, ERR_INVALID_DATA, "Malformed multipart body: %s", why);
    files = arena_calloc(&c->arena, sizeof(*files) * (size_t)(n ? n : 1));
    for (int i = 0; i < n; i++) {
        if (!parts[i].filename)
            continue; /* a text field: multer puts it in req.body, the route ignores it */
        if (!parts[i].name || strcmp(parts[i].name, "files"))
            return err_set(c, ERR_INVALID_DATA, "Unexpected field %s",
                           parts[i].name ? parts[i].name : "");
        files[nfiles].filename = parts[i].filename;
        files[nfiles].data = parts[i].data;
        files[nfiles].len = parts[i].len;
        nfiles++;
    }
    keys = arena_calloc(&c->arena, sizeof(*keys) * (size_t)(nfiles ? nfiles : 1));
    if (upload_store(c, files, nfiles, protect, keys) < 0)
        return -1;
    list = json_object_new_array();
    for (int i = 0; i < nfiles; i++) {
        struct json_object *u = json_object_new_object();
        json_set_str(u, "url", key_url(r, keys[i]));
        json_set_str(u, "key", keys[i]);
        json_object_array_add(list, u);
    }
    o = json_object_new_object();
    json_set(o, "uploads", list);
    return resp_json(r, 200, o);
}

/* POST /admin/uploads */
int admin_uploads_create(struct req *r)
{
    return store(r, 0);
}

/* POST /admin/uploads/protected */
int admin_uploads_create_protected(struct req *r)
{
    return store(r, 1);
}

static const struct vparam key_params[] = {
    {"file_key", V_STRING, V_CHECKED},
    {NULL, 0, 0},
};

/* DELETE /admin/uploads (AdminDeleteUploadsReq) */
int admin_uploads_delete(struct req *r)
{
    const char *key;
    struct json_object *o;
    if (validate(r, r->json, key_params, 0) < 0)
        return -1;
    key = v_str(r->json, "file_key");
    if (upload_delete(&r->c, key) < 0)
        return -1;
    o = json_object_new_object();
    json_set_str(o, "id", key);
    json_set_str(o, "object", "file");
    json_set_bool(o, "deleted", 1);
    return resp_json(r, 200, o);
}

/* POST /admin/uploads/download-url (AdminPostUploadsDownloadUrlReq): the file's URL; a key that
 * names no file is 404, as the current local file service answers. */
int admin_uploads_download_url(struct req *r)
{
    const char *key;
    struct json_object *o;
    if (validate(r, r->json, key_params, 0) < 0)
        return -1;
    key = v_str(r->json, "file_key");
    if (!upload_path(&r->c, key, 1))
        return -1;
    o = json_object_new_object();
    json_set_str(o, "download_url", key_url(r, key));
    return resp_json(r, 200, o);
}
