// A generated column feed with Chinese titles for the related-articles bench,
// and the hand-checked answer for one current article.
//
// Filler articles come from templates (department × action × topic × document
// type) with a fixed pseudo-random sequence, so every run ranks the same feed.
// No filler topic mentions forests or fire. Five planted articles are about
// forest fire prevention, like the current article; three near misses share
// only part of its vocabulary (森林 without 防火, 消防 instead of 防火, the same
// 关于做好2025年…工作的通知 frame about floods). A reader would call the five
// planted ones the related articles and none of the near misses, so the
// expected top 5 is exactly the planted set (in any order). Only two planted
// articles repeat one of the current article's keywords verbatim, as in real
// feeds, where editors tag the same topic in different words.

export const CURRENT = {
  title: '关于做好2025年秋冬季森林防火工作的通知',
  keywords: '森林防火,火灾隐患',
  column: '通知公告',
  url: 'https://www.example.gov.cn/art/2025/6/30/art_1001_900001.html',
  today: '2025-06-30',
};

const PLANTED = [
  { title: '县应急管理局部署今冬明春森林防火工作', keywords: ['森林防火', '应急管理'] },
  { title: '森林防火宣传进村入户 筑牢生态安全屏障', keywords: ['防火宣传', '生态安全'] },
  { title: '全县开展森林火灾隐患排查整治专项行动', keywords: ['火灾隐患', '专项整治'] },
  { title: '森林防火期野外用火管理规定', keywords: ['野外用火'] },
  { title: '我县召开森林防灭火工作会议', keywords: ['森林防灭火'] },
];
const NEAR_MISSES = [
  { title: '县林业局完成森林资源年度调查', keywords: ['森林资源', '林业'] },
  { title: '城区开展消防安全大检查', keywords: ['消防安全', '安全检查'] },
  { title: '关于做好2025年防汛工作的通知', keywords: ['防汛', '汛期'] },
];

const DEPTS = ['县人民政府办公室', '县发展和改革局', '县教育局', '县财政局', '县人力资源和社会保障局', '县自然资源局',
  '县生态环境局', '县住房和城乡建设局', '县交通运输局', '县农业农村局', '县水利局', '县商务局', '县文化和旅游局',
  '县卫生健康委员会', '县市场监督管理局', '县医疗保障局', '县统计局', '县乡村振兴局', '县民政局', '县司法局'];
const ACTIONS = ['关于印发', '关于开展', '关于做好', '关于公布', '关于征求', '关于进一步加强', '关于组织申报', '关于调整'];
const TOPICS = ['城乡居民基本医疗保险', '义务教育阶段学生资助', '高标准农田建设', '农村人居环境整治', '营商环境优化提升',
  '中小企业纾困帮扶', '政务服务一网通办', '城镇老旧小区改造', '农村饮水安全巩固提升', '重点项目建设调度',
  '困难群众基本生活保障', '食品安全监督抽检', '农产品质量安全', '普通高中招生', '就业创业补贴', '养老服务体系建设',
  '数字乡村建设', '公共文化服务', '统计执法检查', '医疗服务价格', '义务植树', '农村公路养护', '生活垃圾分类',
  '社会救助资金', '人才引进', '文明城市创建', '道路交通安全', '耕地保护', '河湖长制', '城市燃气安全'];
const DOCS = ['实施方案', '工作方案', '的通知', '管理办法', '实施细则', '情况的公示', '意见的公告', '工作要点'];
const COLUMNS = ['通知公告', '政策文件', '部门动态', '政策解读'];
const SUMMARIES = ['为深入贯彻落实上级有关部署，结合我县实际，现将有关事项通知如下。', '各乡镇人民政府，县直各部门：现就有关工作安排如下，请认真抓好落实。',
  '按照工作安排，经研究决定，现予以公布，接受社会监督。', '为进一步规范管理，提高服务质量，制定本办法。'];

/** mulberry32: a small fixed pseudo-random sequence. */
function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pad = (n) => String(n).padStart(2, '0');

/**
 * A feed of `count` articles (count ≥ 8): fillers plus the planted and near-miss
 * articles at spread-out positions. Returns {text, expected (planted URLs)}.
 */
export function makeFeed(count) {
  const random = rng(20250630 + count);
  const pick = (list) => list[Math.floor(random() * list.length)];
  const articles = [];
  for (let i = 0; i < count; i++) {
    const day = new Date(Date.UTC(2025, 5, 29) - Math.floor(random() * 540) * 86400000);
    const date = `${day.getUTCFullYear()}-${pad(day.getUTCMonth() + 1)}-${pad(day.getUTCDate())}`;
    const topic = pick(TOPICS);
    const action = pick(ACTIONS);
    const doc = pick(DOCS);
    const year = random() < 0.5 ? `${2024 + Math.floor(random() * 2)}年` : '';
    articles.push({
      title: `${pick(DEPTS)}${action}${year}${topic}${doc}`,
      url: `https://www.example.gov.cn/art/${date.replace(/-/g, '/')}/art_1001_${100000 + i}.html`,
      date,
      column: pick(COLUMNS),
      keywords: [topic],
      summary: pick(SUMMARIES),
    });
  }
  const special = [...PLANTED, ...NEAR_MISSES];
  const expected = [];
  special.forEach((s, k) => {
    const at = Math.floor(((k + 0.5) * count) / special.length);
    const url = `https://www.example.gov.cn/art/2025/5/${10 + k}/art_1001_${800000 + k}.html`;
    articles[at] = { ...articles[at], title: s.title, keywords: s.keywords, url, date: `2025-05-${10 + k}` };
    if (k < PLANTED.length) expected.push(url);
  });
  return { text: JSON.stringify({ version: 1, articles }), count, expected };
}
