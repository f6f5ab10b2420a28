#include "core/user_agent.h"

namespace pw {
namespace {

// Markers as the apps write them into their user agents:
//  WeChat       "... MicroMessenger/8.0.40.2420 ..." (WeCom adds "wxwork/", keeping MicroMessenger)
//  DingTalk     "... AliApp(DingTalk/7.0.40) ... DingTalk/7.0.40 ..."
//  QQ           "... QQ/8.9.80.12440 V1_AND_SQ_8.9.80 ..." (not "MQQBrowser/", the QQ browser)
//  Weibo        "... Weibo (iPhone15,2__weibo__13.10.1__iphone__os17.0)" and "__weibo__" on Android
//  Alipay       "... AlipayClient/10.5.36.8000 ..."
const InAppBrowser kInAppBrowsers[] = {
    {"WeChat", "MicroMessenger"},
    {"DingTalk", "DingTalk"},
    {"QQ", " QQ/"},
    {"Weibo", "__weibo__"},
    {"Weibo", "Weibo"},
    {"Alipay", "AlipayClient"},
};

}  // namespace

const InAppBrowser* in_app_browsers(int* count) {
  if (count) *count = int(sizeof kInAppBrowsers / sizeof kInAppBrowsers[0]);
  return kInAppBrowsers;
}

const InAppBrowser* in_app_browser(std::string_view user_agent) {
  for (const InAppBrowser& browser : kInAppBrowsers)
    if (user_agent.find(browser.marker) != std::string_view::npos) return &browser;
  return nullptr;
}

}  // namespace pw
