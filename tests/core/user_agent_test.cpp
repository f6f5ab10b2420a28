// core/user_agent: which in-app browser a user agent belongs to, and what the QR
// widget does there (render="auto" and the share card's hand-over), from one table
// of real user agents.
#include "core/user_agent.h"

#include <gtest/gtest.h>

#include <string>

#include "core/qr.h"

namespace {

struct UaCase {
  const char* what;
  const char* user_agent;
  const char* app;  // in_app_browser()->name, or nullptr
};

const UaCase kCases[] = {
    {"WeChat on Android",
     "Mozilla/5.0 (Linux; Android 13; V2183A Build/TP1A.220624.014; wv) AppleWebKit/537.36 (KHTML, like Gecko) "
     "Version/4.0 Chrome/107.0.5304.141 Mobile Safari/537.36 XWEB/5235 MMWEBSDK/20230701 MMWEBID/2833 "
     "MicroMessenger/8.0.40.2420(0x28002837) WeChat/arm64 Weixin NetType/WIFI Language/zh_CN ABI/arm64",
     "WeChat"},
    {"WeChat on iPhone",
     "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) "
     "Mobile/15E148 MicroMessenger/8.0.42(0x18002a2a) NetType/WIFI Language/zh_CN",
     "WeChat"},
    {"WeCom (enterprise WeChat)",
     "Mozilla/5.0 (Windows NT 10.0; WOW64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/86.0.4240.198 "
     "Safari/537.36 wxwork/4.1.10 MicroMessenger/7.0.1 Language/zh ColorScheme/Light",
     "WeChat"},
    {"DingTalk on Android",
     "Mozilla/5.0 (Linux; U; Android 12; zh-CN; PEHM00 Build/SKQ1.210216.001) AppleWebKit/537.36 (KHTML, like Gecko) "
     "Version/4.0 Chrome/69.0.3497.100 UWS/3.22.2.43 Mobile Safari/537.36 AliApp(DingTalk/7.0.40) "
     "com.alibaba.android.rimet/33046925 Channel/227200 language/zh-CN abi/64 Hmos/1 DingTalk(7.0.40)",
     "DingTalk"},
    {"QQ on Android",
     "Mozilla/5.0 (Linux; Android 13; 22081212C Build/TKQ1.220829.002; wv) AppleWebKit/537.36 (KHTML, like Gecko) "
     "Version/4.0 Chrome/98.0.4758.102 MQQBrowser/6.2 TBS/046623 Mobile Safari/537.36 V1_AND_SQ_8.9.80_4614_YYB_D "
     "A_8098000 QQ/8.9.80.12440 NetType/WIFI WebP/0.3.0 AppId/537170045",
     "QQ"},
    {"Weibo on iPhone",
     "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) "
     "Mobile/15E148 Weibo (iPhone15,2__weibo__13.10.1__iphone__os17.0)",
     "Weibo"},
    {"Weibo on Android",
     "Mozilla/5.0 (Linux; Android 12; M2012K11AC Build/SKQ1.211006.001; wv) AppleWebKit/537.36 (KHTML, like Gecko) "
     "Version/4.0 Chrome/97.0.4692.98 Mobile Safari/537.36 __weibo__13.9.1__android__android12",
     "Weibo"},
    {"Alipay",
     "Mozilla/5.0 (Linux; U; Android 12; zh-CN; M2102K1AC Build/SKQ1.211006.001) AppleWebKit/537.36 "
     "(KHTML, like Gecko) Version/4.0 Chrome/69.0.3497.100 UWS/3.22.2.51 Mobile Safari/537.36 "
     "AlipayChannelId/5136 AlipayDefined(nt:WIFI,ws:393|0|2.75) AliApp(AP/10.5.36.8000) AlipayClient/10.5.36.8000",
     "Alipay"},
    // Browsers, not apps: a code there is an SVG, and the share card downloads on desktop.
    {"Chrome on Windows",
     "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36",
     nullptr},
    {"QQ Browser (a browser, not the QQ app)",
     "Mozilla/5.0 (Linux; U; Android 12; zh-cn; PGJM10 Build/SP1A.210812.016) AppleWebKit/537.36 (KHTML, like Gecko) "
     "Version/4.0 Chrome/89.0.4389.72 MQQBrowser/13.9 Mobile Safari/537.36 COVC/046701",
     nullptr},
    {"UC Browser",
     "Mozilla/5.0 (Linux; U; Android 11; zh-CN; V2055A Build/RP1A.200720.012) AppleWebKit/537.36 (KHTML, like Gecko) "
     "Version/4.0 Chrome/78.0.3904.108 UCBrowser/15.5.0.1270 Mobile Safari/537.36",
     nullptr},
    {"Safari on iPhone",
     "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) "
     "Version/17.0 Mobile/15E148 Safari/604.1",
     nullptr},
    {"Headless Chromium", "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/120.0.0.0 Safari/537.36", nullptr},
    {"no user agent", "", nullptr},
};

TEST(UserAgent, InAppBrowserTable) {
  for (const UaCase& c : kCases) {
    SCOPED_TRACE(c.what);
    const pw::InAppBrowser* app = pw::in_app_browser(c.user_agent);
    if (c.app) {
      ASSERT_NE(app, nullptr);
      EXPECT_STREQ(app->name, c.app);
    } else {
      EXPECT_EQ(app, nullptr);
    }
  }
}

TEST(UserAgent, EveryListedAppHasACase) {
  int count = 0;
  const pw::InAppBrowser* apps = pw::in_app_browsers(&count);
  ASSERT_GT(count, 0);
  for (int i = 0; i < count; ++i) {
    bool seen = false;
    for (const UaCase& c : kCases) seen = seen || (c.app && std::string(c.app) == apps[i].name);
    EXPECT_TRUE(seen) << apps[i].name << " has no user agent in the table";
  }
}

// render="auto" draws an image exactly where the table finds an in-app browser.
TEST(UserAgent, QrRenderAutoFollowsTheTable) {
  for (const UaCase& c : kCases) {
    SCOPED_TRACE(c.what);
    pw::Error error;
    const pw::QrRender want = c.app ? pw::QrRender::Img : pw::QrRender::Svg;
    EXPECT_EQ(pw::qr_render_for("", c.user_agent, &error), want);
    EXPECT_EQ(pw::qr_render_for("auto", c.user_agent, &error), want);
    EXPECT_EQ(pw::qr_render_for(" AUTO ", c.user_agent, &error), want);
    EXPECT_TRUE(error.id.empty());
    // Forced either way, whatever the browser.
    EXPECT_EQ(pw::qr_render_for("svg", c.user_agent, &error), pw::QrRender::Svg);
    EXPECT_EQ(pw::qr_render_for("img", c.user_agent, &error), pw::QrRender::Img);
    EXPECT_EQ(pw::qr_render_for("Img", c.user_agent, &error), pw::QrRender::Img);
    EXPECT_TRUE(error.id.empty());
    // The share card is an overlay in every in-app browser, a download on a desktop browser.
    EXPECT_STREQ(pw::qr_save_method(c.user_agent, false), c.app ? "overlay" : "download");
    EXPECT_STREQ(pw::qr_save_method(c.user_agent, true), "overlay");
  }
}

TEST(UserAgent, BadRenderValueIsReportedAndTreatedAsAuto) {
  pw::Error error;
  EXPECT_EQ(pw::qr_render_for("png", kCases[0].user_agent, &error), pw::QrRender::Img);
  EXPECT_EQ(error.id, "pw.qrcode.bad_render");
  EXPECT_EQ(error.source, "render");
  EXPECT_EQ(error.message,
            "render=\"png\" is not a way to draw the code; expected \"auto\" (an image in WeChat, DingTalk and "
            "the other in-app browsers, SVG elsewhere), \"svg\" or \"img\"");
  pw::Error desktop;
  EXPECT_EQ(pw::qr_render_for("canvas", "Mozilla/5.0 Chrome/120.0", &desktop), pw::QrRender::Svg);
  EXPECT_EQ(desktop.id, "pw.qrcode.bad_render");
  EXPECT_EQ(pw::qr_render_for("canvas", "", nullptr), pw::QrRender::Svg);  // no error sink: no crash
}

}  // namespace
