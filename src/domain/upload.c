/* upload.c: the uploads' file service (upload.h). Writes go to a temporary name beside the final
 * one and are renamed into place, so the web server never serves half a file; files are 0644
 * (the web server reads them), the protected directory 0711 (it is never listed, even locally).
 * Nothing here trusts a client's file name or key. */
#include "domain/upload.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/conf.h"
#include "core/log.h"
#include "core/ulid.h"

#define PROTECTED_DIR "protected"

static int safe_byte(unsigned char ch)
{
    return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') ||
           ch == '.' || ch == '_' || ch == '-';
}

void upload_sanitize_name(char *out, const char *filename)
{
    const char *base = filename ? filename : "", *p, *dot;
    char tmp[4 * UPLOAD_NAME_MAX];
    size_t n = 0, ext_len;
    for (p = base; *p; p++)
        if (*p == '/' || *p == '\\')
            base = p + 1;
    for (p = base; *p && n < sizeof(tmp) - 1; p++) {
        char ch = safe_byte((unsigned char)*p) ? *p : '-';
        if (ch == '-' && n && tmp[n - 1] == '-')
            continue;
        if ((ch == '.' || ch == '-') && !n)
            continue;
        tmp[n++] = ch;
    }
    tmp[n] = '\0';
    if (!n) {
        memcpy(out, "file", 5);
        return;
    }
    if (n <= UPLOAD_NAME_MAX) {
        memcpy(out, tmp, n + 1);
        return;
    }
    /* Too long: keep a short extension, cut the stem. */
    dot = strrchr(tmp, '.');
    ext_len = dot && strlen(dot) <= 10 ? strlen(dot) : 0;
    memcpy(out, tmp, UPLOAD_NAME_MAX - ext_len);
    memcpy(out + UPLOAD_NAME_MAX - ext_len, tmp + n - ext_len, ext_len);
    out[UPLOAD_NAME_MAX] = '\0';
}

/* The image kinds and the bytes each starts with. */
static int image_matches(const char *ext, const unsigned char *d, size_t len)
{
    if (!strcasecmp(ext, "png"))
        return len >= 8 && !memcmp(d, "\x89PNG\r\n\x1a\n", 8);
    if (!strcasecmp(ext, "jpg") || !strcasecmp(ext, "jpeg"))
        return len >= 3 && d[0] == 0xFF && d[1] == 0xD8 && d[2] == 0xFF;
    if (!strcasecmp(ext, "gif"))
        return len >= 6 && (!memcmp(d, "GIF87a", 6) || !memcmp(d, "GIF89a", 6));
    if (!strcasecmp(ext, "webp"))
        return len >= 12 && !memcmp(d, "RIFF", 4) && !memcmp(d + 8, "WEBP", 4);
    if (!strcasecmp(ext, "avif"))
        return len >= 12 && !memcmp(d + 4, "ftyp", 4) &&
               (!memcmp(d + 8, "avif", 4) || !memcmp(d + 8, "avis", 4));
    return -1; /* not an image extension */
}

int upload_check_type(struct ctx *c, const char *name, const char *data, size_t len, int protect)
{
    const char *dot = strrchr(name, '.'), *ext = dot ? dot + 1 : "";
    int img = image_matches(ext, (const unsigned char *)data, len);
    if (img == 1)
        return 0;
    if (img == 0)
        return err_set(c, ERR_INVALID_DATA, "The content of %s is not a .%s image", name, ext);
    if (protect && !strcasecmp(ext, "csv")) {
        if (memchr(data, '\0', len))
            return err_set(c, ERR_INVALID_DATA, "The content of %s is not CSV text", name);
        return 0;
    }
    return err_set(c, ERR_INVALID_DATA, "The file type of %s is not allowed (allowed: %s)", name,
                   protect ? ".csv, .jpg, .jpeg, .png, .gif, .webp, .avif"
                           : ".jpg, .jpeg, .png, .gif, .webp, .avif");
}

int upload_key_valid(const char *key)
{
    size_t n = strlen(key);
    const char *p = key;
    if (!n || n > 40 + 16 + UPLOAD_NAME_MAX)
        return 0;
    if (!strncmp(p, PROTECTED_DIR "/", sizeof(PROTECTED_DIR)))
        p += sizeof(PROTECTED_DIR);
    if (!*p || *p == '.' || *p == '-')
        return 0;
    for (; *p; p++)
        if (!safe_byte((unsigned char)*p))
            return 0;
    return 1;
}

static int ensure_dir(struct ctx *c, const char *path, mode_t mode)
{
    if (mkdir(path, mode) == 0 || errno == EEXIST)
        return 0;
    log_error("cannot create the upload directory '%s': %s", path, strerror(errno));
    return err_set(c, ERR_UNKNOWN, "cannot create the upload directory");
}

static int ensure_dirs(struct ctx *c, int protect)
{
    if (ensure_dir(c, c->conf->upload_dir, 0755) < 0)
        return -1;
    return protect ? ensure_dir(
                         c, arena_printf(&c->arena, "%s/" PROTECTED_DIR, c->conf->upload_dir), 0711)
                   : 0;
}

/* A fresh key for name: "<ms>-name", or "protected/<32 hex>-<ms>-name"; attempt > 0 adds a
 * counter, for two files of the same name in the same millisecond. */
static const char *new_key(struct ctx *c, const char *name, int protect, int attempt)
{
    char hex[UUID_LEN + 1], tok[33];
    const char *counter = attempt ? arena_printf(&c->arena, "%d-", attempt) : "";
    if (!protect)
        return arena_printf(&c->arena, "%lld-%s%s", (long long)c->now_ms, counter, name);
    uuid_v4(hex, sizeof(hex));
    for (size_t i = 0, k = 0; hex[i]; i++)
        if (hex[i] != '-')
            tok[k++] = hex[i], tok[k] = '\0';
    return arena_printf(&c->arena, PROTECTED_DIR "/%s-%lld-%s%s", tok, (long long)c->now_ms,
                        counter, name);
}

/* A temporary file in the directory the key will live in (".tmp-<uuid>": dot files are never
 * served, nor keys): its fd and *path, or -1 recorded. */
static int open_tmp(struct ctx *c, int protect, const char **path)
{
    char hex[UUID_LEN + 1];
    int fd;
    if (ensure_dirs(c, protect) < 0)
        return -1;
    uuid_v4(hex, sizeof(hex));
    *path = arena_printf(&c->arena, "%s/%s.tmp-%s", c->conf->upload_dir,
                         protect ? PROTECTED_DIR "/" : "", hex);
    if ((fd = open(*path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644)) < 0) {
        log_error("cannot create '%s': %s", *path, strerror(errno));
        return err_set(c, ERR_UNKNOWN, "cannot store the file");
    }
    return fd;
}

/* Gives the finished temporary file its key: a hard link that never replaces a file (a name
 * taken in the same millisecond gets a counter), then the temporary name goes. 0 or -1. */
static int place(struct ctx *c, const char *tmp, const char *name, int protect, const char **key)
{
    int rc = -1;
    for (int attempt = 0; attempt < 100; attempt++) {
        *key = new_key(c, name, protect, attempt);
        if ((rc = link(tmp, arena_printf(&c->arena, "%s/%s", c->conf->upload_dir, *key))) == 0 ||
            errno != EEXIST)
            break;
    }
    if (rc < 0)
        log_error("cannot store upload '%s': %s", *key, strerror(errno));
    unlink(tmp);
    return rc < 0 ? err_set(c, ERR_UNKNOWN, "cannot store the file") : 0;
}

static int write_all(int fd, const char *data, size_t len)
{
    while (len) {
        ssize_t w = write(fd, data, len);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            return -1;
        data += w;
        len -= (size_t)w;
    }
    return 0;
}

int upload_store(struct ctx *c, const struct upload_file *files, int n, int protect,
                 const char **keys)
{
    char **names = arena_alloc(&c->arena, sizeof(*names) * (size_t)(n ? n : 1));
    int done = 0;
    for (int i = 0; i < n; i++) {
        names[i] = arena_alloc(&c->arena, UPLOAD_NAME_MAX + 1);
        upload_sanitize_name(names[i], files[i].filename);
        if (upload_check_type(c, names[i], files[i].data, files[i].len, protect) < 0)
            return -1;
    }
    for (; done < n; done++) {
        const char *tmp;
        int fd = open_tmp(c, protect, &tmp);
        if (fd < 0)
            goto undo;
        if (write_all(fd, files[done].data, files[done].len) < 0 || fsync(fd) < 0) {
            log_error("cannot write '%s': %s", tmp, strerror(errno));
            close(fd);
            unlink(tmp);
            err_set(c, ERR_UNKNOWN, "cannot store the file");
            goto undo;
        }
        close(fd);
        if (place(c, tmp, names[done], protect, &keys[done]) < 0)
            goto undo;
    }
    return 0;
undo:
    for (int k = 0; k < done; k++)
        unlink(arena_printf(&c->arena, "%s/%s", c->conf->upload_dir, keys[k]));
    return -1;
}

const char *upload_path(struct ctx *c, const char *key, int must_exist)
{
    const char *path;
    if (!key || !upload_key_valid(key)) {
        err_set(c, ERR_NOT_FOUND, "File with key %s not found", key ? key : "");
        return NULL;
    }
    path = arena_printf(&c->arena, "%s/%s", c->conf->upload_dir, key);
    if (must_exist && access(path, F_OK) < 0) {
        err_set(c, ERR_NOT_FOUND, "File with key %s not found", key);
        return NULL;
    }
    return path;
}

int upload_delete(struct ctx *c, const char *key)
{
    if (!upload_key_valid(key))
        return err_set(c, ERR_INVALID_DATA, "file_key %s is not a key of this file service", key);
    if (unlink(arena_printf(&c->arena, "%s/%s", c->conf->upload_dir, key)) < 0 && errno != ENOENT) {
        log_error("cannot delete upload '%s': %s", key, strerror(errno));
        return err_set(c, ERR_UNKNOWN, "cannot delete the file");
    }
    return 0;
}

FILE *upload_create(struct ctx *c, const char *name, const char **key)
{
    char clean[UPLOAD_NAME_MAX + 1];
    FILE *f;
    int fd = -1;
    upload_sanitize_name(clean, name);
    if (ensure_dirs(c, 1) < 0)
        return NULL;
    /* A protected key is random: one attempt is enough, O_EXCL guards the impossible. */
    *key = new_key(c, clean, 1, 0);
    fd = open(arena_printf(&c->arena, "%s/%s", c->conf->upload_dir, *key),
              O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
    if (fd < 0 || !(f = fdopen(fd, "w"))) {
        log_error("cannot create upload '%s': %s", *key, strerror(errno));
        if (fd >= 0)
            close(fd);
        err_set(c, ERR_UNKNOWN, "cannot store the file");
        return NULL;
    }
    return f;
}
