// C ABI of the `qrcode` module, fetched when a <pw-qrcode> nears the viewport.
// Binding only: strings in, JSON out; every rule lives in core/qr.cpp.
#include "core/qr.h"
#include "web/bindings.h"

namespace {
const char* kEccNames[] = {"L", "M", "Q", "H"};
}

/// The URL the page's code carries: {"url"} plus {"errors"} (a bad strip-params).
PW_EXPORT const char* pw_qrcode_page_url(const char* page_url, const char* canonical_url,
                                         const char* site_hosts, const char* strip_params) {
  pw::Error error;
  std::string url = pw::qr_page_url(pw::bind::str(page_url), pw::bind::str(canonical_url),
                                    pw::bind::str(site_hosts), pw::bind::str(strip_params), &error);
  pw::Errors errors;
  if (!error.id.empty()) errors.push_back(error);
  pw::JsonWriter w;
  w.begin_object().key("url").value(url).key("errors").errors(errors).end_object();
  return pw::bind::result(w.take());
}

/// The element's code: {"ok", "version", "ecc", "eci", "modules" (side incl. quiet zone),
/// "path", "matrix" (qr_matrix_hex, for the share card), "fg", "bg", "size" (CSS px),
/// "logo": {x, y, side}, "render" ("svg" or "img", from the render attribute and the
/// user agent), "scale" (pixels per module for an <img>, qr_image_scale), "errors"}.
/// `device_px` is the code's side in device pixels.
PW_EXPORT const char* pw_qrcode_render(const char* text, const char* ecc, const char* fg,
                                       const char* bg, const char* size, int logo,
                                       const char* render, const char* user_agent, int device_px) {
  pw::QrElementInput in;
  in.text = pw::bind::str(text);
  in.ecc = pw::bind::str(ecc);
  in.fg = pw::bind::str(fg);
  in.bg = pw::bind::str(bg);
  in.logo = logo != 0;
  pw::QrElementResult r = pw::resolve_qr_element(in);
  pw::Error size_error;
  int px = pw::parse_qr_size(pw::bind::str(size), 160, &size_error);
  if (!size_error.id.empty()) r.errors.insert(r.errors.begin(), size_error);
  pw::Error render_error;
  const pw::QrRender how = pw::qr_render_for(pw::bind::str(render), pw::bind::str(user_agent), &render_error);
  if (!render_error.id.empty()) r.errors.push_back(render_error);
  pw::QrBox box = pw::qr_logo_box(r.code);
  pw::JsonWriter w;
  w.begin_object();
  w.key("ok").value(r.ok());
  w.key("version").value(r.code.version);
  w.key("ecc").value(kEccNames[int(r.code.ecc)]);
  w.key("eci").value(r.code.utf8_eci);
  w.key("modules").value(r.ok() ? r.code.full_size() : 0);
  w.key("path").value(r.path);
  w.key("matrix").value(pw::qr_matrix_hex(r.code));
  w.key("fg").value(r.fg);
  w.key("bg").value(r.bg);
  w.key("size").value(px);
  w.key("logo").begin_object().key("x").value(box.x).key("y").value(box.y).key("side").value(box.side).end_object();
  w.key("render").value(how == pw::QrRender::Img ? "img" : "svg");
  w.key("scale").value(pw::qr_image_scale(device_px, r.code.full_size()));
  w.key("errors").errors(r.errors);
  w.end_object();
  return pw::bind::result(w.take());
}

/// "download" or "overlay": how the share card reaches the reader.
PW_EXPORT const char* pw_qrcode_save_method(const char* user_agent, int coarse_pointer) {
  return pw::qr_save_method(pw::bind::str(user_agent), coarse_pointer != 0);
}
