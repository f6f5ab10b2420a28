// The studio's own UI strings in its three languages. Every character here is in
// the studio font (CMakeLists.txt passes this file to fonts/build_fonts.py --studio-text).
#include "demo/studio/studio_ui.h"

#include <cstring>

namespace pw::studio {
namespace {

struct UiString {
  const char* id;
  const char* text[3];  // zh-Hans, zh-Hant, en
};

const UiString kStrings[] = {
    {"title", {"门户组件工作室", "門戶元件工作室", "Portal widgets studio"}},
    {"ui_lang", {"界面语言", "介面語言", "Language"}},
    {"tab.site", {"站点", "站點", "Site"}},
    {"tab.links", {"链接测试", "連結測試", "Links"}},
    {"tab.qr", {"二维码", "二維碼", "QR code"}},
    {"tab.font", {"字号", "字號", "Font size"}},
    {"tab.related", {"相关文章", "相關文章", "Related"}},
    {"tab.dialog", {"离站提示", "離站提示", "Leave prompt"}},
    {"tab.snippet", {"代码", "代碼", "Snippet"}},
    {"default", {"默认", "預設", "default"}},
    {"default_is", {"默认：", "預設：", "default: "}},
    {"from_page", {"（由页面决定）", "（由頁面決定）", "(from the page)"}},
    {"script", {"脚本地址", "腳本位址", "Script URL"}},
    {"attr.script.site-name", {"站点名称", "站點名稱", "Site name"}},
    {"attr.script.site-hosts", {"本站域名", "本站網域", "Site hosts"}},
    {"attr.script.allow", {"放行域名", "放行網域", "Allowed hosts"}},
    {"attr.script.leave", {"离站方式", "離站方式", "Leave mode"}},
    {"attr.script.leave-message", {"提示语", "提示語", "Message"}},
    {"attr.script.leave-countdown", {"倒计时（秒）", "倒數（秒）", "Countdown (s)"}},
    {"attr.script.leave-remember", {"记住选择", "記住選擇", "Remember"}},
    {"attr.script.lang", {"语言", "語言", "Language"}},
    {"attr.script.mode", {"运行方式", "執行方式", "Mode"}},
    {"attr.script.color-scheme", {"配色", "配色", "Colour scheme"}},
    {"attr.pw-font-size.target", {"作用范围（选择器）", "作用範圍（選擇器）", "Target (selector)"}},
    {"attr.pw-font-size.levels", {"字号档位（px）", "字號檔位（px）", "Levels (px)"}},
    {"attr.pw-font-size.labels", {"按钮文字", "按鈕文字", "Labels"}},
    {"attr.pw-font-size.default", {"页面原字号", "頁面原字號", "Default level"}},
    {"attr.pw-font-size.remember", {"记住选择", "記住選擇", "Remember"}},
    {"attr.pw-font-size.order", {"按钮顺序", "按鈕順序", "Order"}},
    {"attr.pw-qrcode.text", {"内容（空则为本页地址）", "內容（空則為本頁位址）", "Text (empty: the page URL)"}},
    {"attr.pw-qrcode.size", {"尺寸（px）", "尺寸（px）", "Size (px)"}},
    {"attr.pw-qrcode.ecc", {"纠错等级", "糾錯等級", "Error correction"}},
    {"attr.pw-qrcode.caption", {"说明文字", "說明文字", "Caption"}},
    {"attr.pw-qrcode.fg", {"前景色", "前景色", "Foreground"}},
    {"attr.pw-qrcode.bg", {"背景色", "背景色", "Background"}},
    {"attr.pw-qrcode.logo", {"中心图标地址", "中心圖示位址", "Logo URL"}},
    {"attr.pw-qrcode.download", {"分享卡片下载", "分享卡片下載", "Share card download"}},
    {"attr.pw-qrcode.strip-params", {"去掉的参数", "去掉的參數", "Strip parameters"}},
    {"attr.pw-qrcode.render", {"绘制方式", "繪製方式", "Render"}},
    {"attr.pw-related.src", {"数据源地址", "資料來源位址", "Feed URL (src)"}},
    {"attr.pw-related.limit", {"条数", "條數", "Limit"}},
    {"attr.pw-related.sort", {"排序", "排序", "Sort"}},
    {"attr.pw-related.days-new", {"新文章天数", "新文章天數", "Days new"}},
    {"attr.pw-related.heading", {"标题", "標題", "Heading"}},
    {"attr.pw-related.show-date", {"显示日期", "顯示日期", "Show date"}},
    {"attr.pw-related.loading", {"加载时机", "載入時機", "Loading"}},
    {"attr.pw-related.debug", {"显示得分（调试）", "顯示得分（除錯）", "Show scores (debug)"}},
    {"attr.pw-related.assoc", {"词语关联表地址", "詞語關聯表位址", "Association table URL"}},
    {"links.page", {"页面地址", "頁面位址", "Page URL"}},
    {"links.input", {"粘贴网址（每行一个）或页面 HTML", "貼上網址（每行一個）或頁面 HTML", "Paste URLs (one per line) or a page's HTML"}},
    {"links.fetch", {"读取同源页面", "讀取同源頁面", "Fetch a same-origin page"}},
    {"links.load", {"读取", "讀取", "Load"}},
    {"links.only_asks", {"只看需确认的", "只看需確認的", "Only links that ask"}},
    {"links.count", {"共 %d 个链接，%d 个需确认", "共 %d 個連結，%d 個需確認", "%d links, %d ask"}},
    {"links.href", {"链接", "連結", "Link"}},
    {"links.decision", {"结果", "結果", "Decision"}},
    {"links.reason", {"原因", "原因", "Reason"}},
    {"links.host", {"域名", "網域", "Host"}},
    {"decision.pass", {"直接打开", "直接開啟", "pass"}},
    {"decision.confirm", {"需确认", "需確認", "asks"}},
    {"qr.version", {"版本 %d，%d×%d 模块，纠错 %s，已用容量 %d/%d 字节", "版本 %d，%d×%d 模組，糾錯 %s，已用容量 %d/%d 位元組",
                    "version %d, %d×%d modules, level %s, capacity used %d/%d bytes"}},
    {"qr.failed", {"无法生成二维码", "無法產生二維碼", "No QR code"}},
    {"qr.logo_on", {"显示中心图标（纠错升为 H）", "顯示中心圖示（糾錯升為 H）", "Logo (raises the level to H)"}},
    {"font.sample", {"示例文字", "範例文字", "Sample text"}},
    {"font.sample_text", {"为进一步优化营商环境，县政府办公室印发了关于做好政务服务事项办理工作的通知，请各乡镇、各部门认真贯彻执行。",
                          "為進一步優化營商環境，縣政府辦公室印發了關於做好政務服務事項辦理工作的通知，請各鄉鎮、各部門認真貫徹執行。",
                          "The county government office has issued a notice on handling public service matters; every township and department is asked to carry it out."}},
    {"font.level", {"%s：%s px，行高 %s px", "%s：%s px，行高 %s px", "%s: %s px, line height %s px"}},
    {"font.authored", {"（页面原字号）", "（頁面原字號）", "(authored)"}},
    {"related.feed", {"粘贴数据源（JSON）", "貼上資料來源（JSON）", "Paste the feed (JSON)"}},
    {"related.feed_url", {"数据源地址（读取并解析）", "資料來源位址（讀取並解析）", "Feed URL (fetched and parsed)"}},
    {"related.articles", {"%d 篇文章，跳过 %d 篇", "%d 篇文章，略過 %d 篇", "%d articles, %d skipped"}},
    {"related.errors", {"校验错误", "校驗錯誤", "Validation errors"}},
    {"related.current", {"当前文章", "目前文章", "Current article"}},
    {"related.list", {"相关文章列表", "相關文章列表", "Related list"}},
    {"related.score", {"得分", "得分", "Score"}},
    {"related.relevance", {"相关度", "相關度", "Relevance"}},
    {"related.recency", {"时效系数", "時效係數", "Recency"}},
    {"related.parts", {"得分 = 相关度（TF-IDF 余弦，权重取自本站订阅源）× 时效系数（1–1.2，越新越高）",
                       "得分 = 相關度（TF-IDF 餘弦，權重取自本站訂閱源）× 時效係數（1–1.2，越新越高）",
                       "Score = relevance (TF-IDF cosine, weights from the site's own feed) × recency (1–1.2, newer is higher)"}},
    {"related.new", {"新", "新", "new"}},
    {"related.pinned", {"置顶", "置頂", "pinned"}},
    {"related.today", {"今天（YYYY-MM-DD）", "今天（YYYY-MM-DD）", "Today (YYYY-MM-DD)"}},
    {"dialog.host", {"外部链接的域名", "外部連結的網域", "Host of the external link"}},
    {"dialog.mode_off", {"离站方式为 off：不提示。", "離站方式為 off：不提示。", "Leave mode is off: no prompt."}},
    {"dialog.mode_mark", {"离站方式为 mark：外部链接只加标记，不弹出提示。", "離站方式為 mark：外部連結只加標記，不彈出提示。",
                          "Leave mode is mark: external links are marked, no prompt."}},
    {"dialog.countdown", {"%d 秒后自动继续访问", "%d 秒後自動繼續訪問", "Continues automatically after %d s"}},
    {"snippet.copy", {"复制代码", "複製代碼", "Copy"}},
    {"snippet.copied", {"已复制", "已複製", "Copied"}},
    {"snippet.copy_failed", {"浏览器拒绝了复制：请在下面的文本框或页面右侧选中代码后按 Ctrl+C。",
                             "瀏覽器拒絕了複製：請在下面的文字方塊或頁面右側選取代碼後按 Ctrl+C。",
                             "The browser refused the copy: select the code below or beside the canvas and press Ctrl+C."}},
    {"snippet.head", {"放进 <head>：", "放進 <head>：", "Into <head>:"}},
    {"missing_glyphs", {"有 %d 个字符在工作室字库和分享卡片字库中都没有，显示为 □（代码和检测不受影响）。",
                        "有 %d 個字元在工作室字庫和分享卡片字庫中都沒有，顯示為 □（代碼和檢測不受影響）。",
                        "%d characters are in neither the studio's font nor the share card's font slices and show as □ "
                        "(the code and the checks are unaffected)."}},
    {"fetch_failed", {"读取失败：", "讀取失敗：", "Could not load: "}},
    {"loading", {"读取中…", "讀取中…", "Loading…"}},
    {"unknown_keys", {"地址中有未知设置：", "位址中有未知設定：", "Unknown settings in the address: "}},
};

}  // namespace

std::string all_ui_text() {
  std::string text;
  for (const UiString& s : kStrings) {
    for (const char* t : s.text) text += t;
  }
  return text;
}

std::string ui_text(UiLanguage lang) {
  std::string text;
  for (const UiString& s : kStrings) text += s.text[int(lang)];
  return text;
}

const char* tr(UiLanguage lang, const char* id) {
  for (const UiString& s : kStrings) {
    if (std::strcmp(s.id, id) == 0) return s.text[int(lang)];
  }
  return id;
}

}  // namespace pw::studio
