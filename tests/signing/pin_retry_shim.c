/* A PKCS#11 module in front of SoftHSM2 that counts wrong user PINs the way hardware tokens do.
 *
 * SoftHSM2 never sets CKF_USER_PIN_COUNT_LOW / CKF_USER_PIN_FINAL_TRY / CKF_USER_PIN_LOCKED and
 * never locks a PIN, so the token-safety path cannot be driven end to end against it alone.
 * This shim forwards every call to the real module (PINSHIM_MODULE) and changes two:
 *
 *   C_Login (CKU_USER): a CKR_PIN_INCORRECT from SoftHSM2 adds one failure to a counter kept in
 *     the file PINSHIM_STATE (kept across processes like a token keeps it in its chip); a
 *     successful login resets it; once PINSHIM_MAX_TRIES failures are reached every login
 *     returns CKR_PIN_LOCKED without reaching SoftHSM2.
 *   C_GetTokenInfo: the three flags from that counter, as PKCS#11 v2.40 section 3.2 defines
 *     them (COUNT_LOW: a wrong PIN since the last successful login; FINAL_TRY: one more wrong
 *     PIN locks; LOCKED), the rest of SoftHSM2's answer unchanged; with PINSHIM_NO_FLAGS set,
 *     SoftHSM2's answer as is (a token that counts but does not report it).
 *
 * Test code only: built by tests/signing/test_token_safety.py with gcc.
 */
#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>

#include <p11-kit/pkcs11.h>

static CK_FUNCTION_LIST_PTR real = NULL;
static CK_FUNCTION_LIST shim;

static int max_tries(void) {
    const char *s = getenv("PINSHIM_MAX_TRIES");
    int n = s ? atoi(s) : 3;
    return n > 0 ? n : 3;
}

static int read_failures(void) {
    const char *path = getenv("PINSHIM_STATE");
    int n = 0;
    if (!path) return 0;
    FILE *f = fopen(path, "r");
    if (!f) return 0;
    if (fscanf(f, "%d", &n) != 1) n = 0;
    fclose(f);
    return n;
}

static void write_failures(int n) {
    const char *path = getenv("PINSHIM_STATE");
    if (!path) return;
    FILE *f = fopen(path, "w");
    if (!f) return;
    fprintf(f, "%d\n", n);
    fclose(f);
}

static CK_RV shim_GetTokenInfo(CK_SLOT_ID slot, CK_TOKEN_INFO_PTR info) {
    CK_RV rv = real->C_GetTokenInfo(slot, info);
    if (rv != CKR_OK || getenv("PINSHIM_NO_FLAGS")) return rv; /* a token without the flags */
    int n = read_failures(), m = max_tries();
    info->flags &= ~(CKF_USER_PIN_COUNT_LOW | CKF_USER_PIN_FINAL_TRY | CKF_USER_PIN_LOCKED);
    if (n >= m) {
        info->flags |= CKF_USER_PIN_LOCKED;
    } else {
        if (n > 0) info->flags |= CKF_USER_PIN_COUNT_LOW;
        if (m - n == 1) info->flags |= CKF_USER_PIN_FINAL_TRY;
    }
    return CKR_OK;
}

static CK_RV shim_Login(CK_SESSION_HANDLE h, CK_USER_TYPE who, CK_UTF8CHAR_PTR pin, CK_ULONG len) {
    if (who != CKU_USER) return real->C_Login(h, who, pin, len);
    int n = read_failures();
    if (n >= max_tries()) return CKR_PIN_LOCKED;
    CK_RV rv = real->C_Login(h, who, pin, len);
    if (rv == CKR_PIN_INCORRECT)
        write_failures(n + 1);
    else if (rv == CKR_OK || rv == CKR_USER_ALREADY_LOGGED_IN)
        write_failures(0);
    return rv;
}

CK_RV C_GetFunctionList(CK_FUNCTION_LIST_PTR_PTR out) {
    if (out == NULL) return CKR_ARGUMENTS_BAD;
    if (real == NULL) {
        const char *path = getenv("PINSHIM_MODULE");
        if (!path) return CKR_GENERAL_ERROR;
        void *lib = dlopen(path, RTLD_NOW | RTLD_LOCAL);
        if (!lib) return CKR_GENERAL_ERROR;
        CK_C_GetFunctionList get = (CK_C_GetFunctionList)dlsym(lib, "C_GetFunctionList");
        if (!get || get(&real) != CKR_OK) return CKR_GENERAL_ERROR;
        shim = *real;
        shim.C_GetTokenInfo = shim_GetTokenInfo;
        shim.C_Login = shim_Login;
    }
    *out = &shim;
    return CKR_OK;
}
