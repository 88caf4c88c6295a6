# ruff: noqa: E501  (long lines are page text and HTML templates)
"""Generator for the bundled sample news site (``site/``).

The files under ``site/`` are committed; this script is their source of truth.
Edit the texts/templates here and re-run::

    python -m newscrawl.sample_site.build_site

It rewrites every page (in its own declared encoding), the feeds and sitemaps,
the static assets and ``site/MANIFEST.json`` (the expected extraction results
used by the tests).  Stdlib only.

Everything here is invented test material except the seed article (the
tibet.cn dump in ``/work/shared/seed/article-dump.txt``), which is reproduced
with its pinyin artifacts, in Traditional (UTF-8) and Simplified (GBK) form.
"""

from __future__ import annotations

import gzip
import html
import json
import re
import shutil
import struct
import zlib
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
SITE = HERE / "site"

esc = html.escape

# ---------------------------------------------------------------------------
# The seed article, exactly as dumped (Traditional, with pinyin artifacts),
# and its Simplified conversion (OpenCC t2s, then two hand edits: 胶著 -> 胶着,
# and 处于 -> 处於 so that the body holds one GBK-only, non-GB2312 character).
# ---------------------------------------------------------------------------
SEED_TRAD = """蔡奇:以每日清零的標(biāo)準(zhǔn) 防松勁防死角防反彈
蔡奇到朝陽區(qū)檢查疫情處置工作時(shí)強(qiáng)調(diào)
以每日清零的標(biāo)準(zhǔn) 防松勁防死角防反彈
李偉張延昆一同檢查
本報(bào)訊(記者 祁夢竹范俊生)昨天下午,北京市委書記、市疫情防控工作領(lǐng)導(dǎo)小組組長蔡奇到朝陽區(qū)檢查疫情處置工作,看望慰問在高溫天氣下堅(jiān)守防疫一線的工作人員。他強(qiáng)調(diào),當(dāng)前疫情防控處于膠著狀態(tài),最后的勝利就在于再堅(jiān)持的努力之中。要始終堅(jiān)持嚴(yán)防死守,按照“快、嚴(yán)、準(zhǔn)、實(shí)”的要求,還要注重細(xì)節(jié)為王,以每日清零的標(biāo)準(zhǔn),以更加堅(jiān)定果斷的措施,防松勁、防死角、防反彈,打好疫情防控主動(dòng)仗。市人大常委會(huì)主任李偉,市委副書記、市人大常委會(huì)副主任、防控工作領(lǐng)導(dǎo)小組副組長張延昆一同檢查。
大屯街道歐陸經(jīng)典社區(qū)在出現(xiàn)確診病例后立即落實(shí)封(管)控措施,蔡奇詳細(xì)詢問流調(diào)排查、密接轉(zhuǎn)運(yùn)等工作情況,肯定社區(qū)干部們“不怕熱、不怕累,就怕群眾不滿意”的精神狀態(tài),說,群眾訴求無小事,要在嚴(yán)格封(管)控措施的同時(shí),耐心細(xì)致做好為民服務(wù),為群眾排憂解難。在十八里店鄉(xiāng)潼城公寓,蔡奇檢查疫情處置進(jìn)展,指出,城鄉(xiāng)結(jié)合部容易成為疫情破防的點(diǎn)位,要把病例涉及的風(fēng)險(xiǎn)點(diǎn)位和人員查清查透,不留隱患。屬地和行業(yè)要加強(qiáng)快捷酒店、快遞外賣等重點(diǎn)場所、重點(diǎn)行業(yè)人員防疫管理,嚴(yán)格核酸檢測和健康監(jiān)測。南磨房鄉(xiāng)美景東方小區(qū)已于21日解封,居民自覺測溫、掃碼、接受核酸檢測證明查驗(yàn)。蔡奇叮囑區(qū)街干部說,解封不解防,要嚴(yán)格落實(shí)各項(xiàng)防疫措施,完善人員進(jìn)出查驗(yàn)流程,避免扎堆聚集,保障居民安全。南新園小區(qū)出現(xiàn)疫情后,一批黨員干部化身“大白”“小藍(lán)”日夜值守。蔡奇對大家道聲辛苦,說,居民們識大體、顧大局,為抗疫作出了貢獻(xiàn)。你們要為百姓守護(hù)好家園,做好服務(wù)保障,讓居民們放心走、平安回。
蔡奇在檢查時(shí)強(qiáng)調(diào),要以涉疫風(fēng)險(xiǎn)應(yīng)急處置為指揮棒,市區(qū)兩級領(lǐng)導(dǎo)直接調(diào)度,加強(qiáng)協(xié)同聯(lián)動(dòng),以最快速度、更高質(zhì)量完成密接者應(yīng)判盡判、應(yīng)轉(zhuǎn)盡轉(zhuǎn)、應(yīng)隔盡隔。加強(qiáng)封(管)控區(qū)管理,嚴(yán)格遵守居家辦公等要求。壓實(shí)屬地和行業(yè)責(zé)任,緊盯重點(diǎn)區(qū)域、重點(diǎn)行業(yè)、重點(diǎn)人群防疫管理。外賣、快遞、維修、保潔、保安、餐飲等從業(yè)人員流動(dòng)性大、工作環(huán)境相對密閉,要加密篩查頻次,防疫措施一個(gè)都不能落,防止失管失防。社區(qū)(村)、單位和公共場所嚴(yán)格進(jìn)出查驗(yàn),加強(qiáng)值守巡查。在抗疫斗爭面前,領(lǐng)導(dǎo)干部要身先士卒,黨員沖鋒在前,基層黨組織發(fā)揮戰(zhàn)斗堡壘作用,緊緊依靠群眾、發(fā)動(dòng)群眾、組織群眾,齊心協(xié)力同心抗疫。
市領(lǐng)導(dǎo)孫梅君、張家明參加。
版權(quán)聲明:凡注明“來源:中國西藏網(wǎng)”或“中國西藏網(wǎng)文”的所有作品,版權(quán)歸高原(北京)文化傳播有限公司。任何媒體轉(zhuǎn)載、摘編、引用,須注明來源中國西藏網(wǎng)和署著作者名,否則將追究相關(guān)法律責(zé)任。
- 新華全媒+丨近期為何會(huì)出現(xiàn)多例核酸“假陽性”的情況?權(quán)威回應(yīng)來了
- 國務(wù)院聯(lián)防聯(lián)控機(jī)制發(fā)布會(huì):全國疫情整體呈穩(wěn)定下降態(tài)勢
- 多家中小銀行存款利率下調(diào) 調(diào)降幅度多在10個(gè)基點(diǎn)以上
- “全程網(wǎng)辦”進(jìn)一步暢通殘疾人兩項(xiàng)補(bǔ)貼申領(lǐng)渠道
- 奮進(jìn)新征程 建功新時(shí)代·老區(qū)新貌丨“八路軍故鄉(xiāng)”的好日子
- 光明網(wǎng)評論員:征信“洗白”:只可直中取,不可曲中求
- 中共中央辦公廳 國務(wù)院辦公廳印發(fā)《鄉(xiāng)村建設(shè)行動(dòng)實(shí)施方案》
- 中國仍是全球投資者的發(fā)展熱土
- “全程網(wǎng)辦”進(jìn)一步暢通殘疾人兩項(xiàng)補(bǔ)貼申領(lǐng)渠道
- 財(cái)政支農(nóng) 關(guān)鍵要提高政策效能 要統(tǒng)籌增產(chǎn)增收"""

SEED_SIMP = """蔡奇:以每日清零的标(biāo)准(zhǔn) 防松劲防死角防反弹
蔡奇到朝阳区(qū)检查疫情处置工作时(shí)强(qiáng)调(diào)
以每日清零的标(biāo)准(zhǔn) 防松劲防死角防反弹
李伟张延昆一同检查
本报(bào)讯(记者 祁梦竹范俊生)昨天下午,北京市委书记、市疫情防控工作领(lǐng)导(dǎo)小组组长蔡奇到朝阳区(qū)检查疫情处置工作,看望慰问在高温天气下坚(jiān)守防疫一线的工作人员。他强(qiáng)调(diào),当(dāng)前疫情防控处於胶着状态(tài),最后的胜利就在于再坚(jiān)持的努力之中。要始终坚(jiān)持严(yán)防死守,按照“快、严(yán)、准(zhǔn)、实(shí)”的要求,还要注重细(xì)节(jié)为王,以每日清零的标(biāo)准(zhǔn),以更加坚(jiān)定果断的措施,防松劲、防死角、防反弹,打好疫情防控主动(dòng)仗。市人大常委会(huì)主任李伟,市委副书记、市人大常委会(huì)副主任、防控工作领(lǐng)导(dǎo)小组副组长张延昆一同检查。
大屯街道欧陆经(jīng)典社区(qū)在出现(xiàn)确诊病例后立即落实(shí)封(管)控措施,蔡奇详细(xì)询问流调(diào)排查、密接转(zhuǎn)运(yùn)等工作情况,肯定社区(qū)干部们“不怕热、不怕累,就怕群众不满意”的精神状态(tài),说,群众诉求无小事,要在严(yán)格封(管)控措施的同时(shí),耐心细(xì)致做好为民服务(wù),为群众排忧解难。在十八里店乡(xiāng)潼城公寓,蔡奇检查疫情处置进(jìn)展,指出,城乡(xiāng)结(jié)合部容易成为疫情破防的点(diǎn)位,要把病例涉及的风(fēng)险(xiǎn)点(diǎn)位和人员查清查透,不留隐患。属地和行业(yè)要加强(qiáng)快捷酒店、快递外卖等重点(diǎn)场所、重点(diǎn)行业(yè)人员防疫管理,严(yán)格核酸检测和健康监(jiān)测。南磨房乡(xiāng)美景东方小区(qū)已于21日解封,居民自觉测温、扫码、接受核酸检测证明查验(yàn)。蔡奇叮嘱区(qū)街干部说,解封不解防,要严(yán)格落实(shí)各项(xiàng)防疫措施,完善人员进(jìn)出查验(yàn)流程,避免扎堆聚集,保障居民安全。南新园小区(qū)出现(xiàn)疫情后,一批党员干部化身“大白”“小蓝(lán)”日夜值守。蔡奇对大家道声辛苦,说,居民们识大体、顾大局,为抗疫作出了贡献(xiàn)。你们要为百姓守护(hù)好家园,做好服务(wù)保障,让居民们放心走、平安回。
蔡奇在检查时(shí)强(qiáng)调(diào),要以涉疫风(fēng)险(xiǎn)应(yīng)急处置为指挥棒,市区(qū)两级领(lǐng)导(dǎo)直接调(diào)度,加强(qiáng)协(xié)同联(lián)动(dòng),以最快速度、更高质(zhì)量完成密接者应(yīng)判尽判、应(yīng)转(zhuǎn)尽转(zhuǎn)、应(yīng)隔尽隔。加强(qiáng)封(管)控区(qū)管理,严(yán)格遵守居家办公等要求。压实(shí)属地和行业(yè)责(zé)任,紧盯重点(diǎn)区(qū)域、重点(diǎn)行业(yè)、重点(diǎn)人群防疫管理。外卖、快递、维修、保洁、保安、餐饮等从业(yè)人员流动(dòng)性大、工作环(huán)境相对密闭,要加密筛查频次,防疫措施一个(gè)都不能落,防止失管失防。社区(qū)(村)、单位和公共场所严(yán)格进(jìn)出查验(yàn),加强(qiáng)值守巡查。在抗疫斗争面前,领(lǐng)导(dǎo)干部要身先士卒,党员冲锋在前,基层党组织发(fā)挥战(zhàn)斗堡垒作用,紧紧依靠群众、发(fā)动(dòng)群众、组织群众,齐心协(xié)力同心抗疫。
市领(lǐng)导(dǎo)孙梅君、张家明参加。
版权(quán)声明:凡注明“来源:中国西藏网(wǎng)”或“中国西藏网(wǎng)文”的所有作品,版权(quán)归高原(北京)文化传播有限公司。任何媒体转(zhuǎn)载、摘编、引用,须注明来源中国西藏网(wǎng)和署著作者名,否则将追究相关(guān)法律责(zé)任。
- 新华全媒+丨近期为何会(huì)出现(xiàn)多例核酸“假阳性”的情况?权(quán)威回应(yīng)来了
- 国务(wù)院联(lián)防联(lián)控机(jī)制发(fā)布会(huì):全国疫情整体呈稳(wěn)定下降态(tài)势
- 多家中小银行存款利率下调(diào) 调(diào)降幅度多在10个(gè)基点(diǎn)以上
- “全程网(wǎng)办”进(jìn)一步畅通残疾人两项(xiàng)补(bǔ)贴申领(lǐng)渠道
- 奋进(jìn)新征程 建功新时(shí)代·老区(qū)新貌丨“八路军故乡(xiāng)”的好日子
- 光明网(wǎng)评论员:征信“洗白”:只可直中取,不可曲中求
- 中共中央办公厅 国务(wù)院办公厅印发(fā)《乡(xiāng)村建设(shè)行动(dòng)实(shí)施方案》
- 中国仍是全球投资者的发(fā)展热土
- “全程网(wǎng)办”进(jìn)一步畅通残疾人两项(xiàng)补(bǔ)贴申领(lǐng)渠道
- 财(cái)政支农(nóng) 关(guān)键要提高政策效能 要统(tǒng)筹增产(chǎn)增收"""

PINYIN_RE = re.compile(r"(?<=[\u3400-\u9fff])\([a-z\u00e0-\u01dc]+\)")


def clean_pinyin(text: str) -> str:
    """Remove injected pinyin like 標(biāo) -> 標 (used only for MANIFEST data)."""
    return PINYIN_RE.sub("", text)


def seed_parts(raw: str) -> dict:
    lines = raw.strip("\n").split("\n")
    assert len(lines) == 19, len(lines)
    return {
        "title": lines[0],
        "kicker": lines[1],
        "main": lines[2],
        "subtitle": lines[3],
        "body": lines[4:8],
        "copyright": lines[8],
        "related": [ln[2:] if ln.startswith("- ") else ln for ln in lines[9:19]],
    }


TRAD = seed_parts(SEED_TRAD)
SIMP = seed_parts(SEED_SIMP)

# ---------------------------------------------------------------------------
# Article paths (root-relative URL paths == file paths under site/)
# ---------------------------------------------------------------------------
P = {
    "tibet_trad": "/tibet/2022-07/24/content_1.htm",
    "tibet_simp": "/tibet/gb/2022-07/24/content_1.htm",
    "fengyuan_table": "/news/2022-07-20/123.shtml",
    "museum_modern": "/china/2022-07-24/doc-imizirav5123456.shtml",
    "xinhua_weather": "/politics/2022-07/24/c_1128858541.htm",
    "weather_reprint": "/china/2022-07-24/doc-imizirav5123789.shtml",
    "charging_gb2312": "/tech/2022-07-22/1658470012345.shtml",
    "hk_heat": "/hk/news/20220724/00176_012.html",
    "big5_rain": "/big5/news/2022-07-23/5012.htm",
    "tw_ebus": "/tw/news/2022/07/22/6481234.html",
    "en_wire": "/world/2022/07/24/asia-container-freight-rates-ease.html",
    "en_coffee": "/business/2022/07/23/coffee-chains-raise-prices.html",
    "en_fiber": "/tech/2022/07/22/riverton-council-approves-fiber-network.html",
    "en_blog": "/blog/2022/07/21/riverside-library-reopens.html",
}
PRIVATE_PAGE = "/private/draft-2022-07-24.html"
ABOUT_PAGE = "/about/index.html"
OLD_URL_TARGET = P["tibet_trad"]  # /old-url.html -> 301 here (see server.py)

# Articles that no HTML page links to: reachable only via sitemap/feeds.
FEED_ONLY = {"weather_reprint", "big5_rain", "en_blog"}

# Pages the server sends with an explicit "; charset=utf-8" (server.py keeps
# the same list); every other HTML page is sent as bare "text/html".
HTTP_UTF8 = {"en_wire", "en_coffee", "en_fiber", "en_blog", "tw_ebus"}

OUT: dict[str, bytes] = {}
MANIFEST: dict = {"articles": [], "listings": [], "non_articles": [], "robots_disallowed": []}


def put(path: str, text: str, encoding: str = "utf-8", strict: bool = False) -> None:
    """Store a page. Characters the encoding lacks become numeric entities
    (as real GBK/Big5 CMSes do) unless strict."""
    data = text.encode(encoding, "strict" if strict else "xmlcharrefreplace")
    OUT[path] = data


def article(key: str, **info) -> None:
    info = {"path": P[key], "key": key, **info}
    info.setdefault("http_charset", "utf-8" if key in HTTP_UTF8 else None)
    info.setdefault("feed_only", key in FEED_ONLY)
    MANIFEST["articles"].append(info)


def paras_html(paras, indent="", cls=None):
    c = f' class="{cls}"' if cls else ""
    return "\n".join(f"<p{c}>{indent}{esc(p, quote=False)}</p>" for p in paras)


# ---------------------------------------------------------------------------
# Tiny binary assets (PNG written by hand, no Pillow)
# ---------------------------------------------------------------------------
def png(w: int, h: int, rgb: tuple[int, int, int]) -> bytes:
    def chunk(tag, data):
        return struct.pack(">I", len(data)) + tag + data + struct.pack(">I", zlib.crc32(tag + data) & 0xFFFFFFFF)

    row = b"\x00" + bytes(rgb) * w
    raw = row * h
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b""))


def assets() -> None:
    OUT["/static/img/logo.png"] = png(180, 48, (170, 20, 20))
    OUT["/static/img/qrcode.png"] = png(90, 90, (30, 30, 30))
    OUT["/static/img/2022/0723/museum.png"] = png(160, 100, (120, 90, 60))
    OUT["/static/img/2022/0722/ebus.png"] = png(160, 100, (40, 120, 80))
    OUT["/static/img/2022/0722/fiber.png"] = png(160, 100, (30, 60, 140))
    OUT["/static/img/2022/0721/library.png"] = png(160, 100, (140, 130, 100))
    OUT["/static/img/2022/0720/flood.png"] = png(160, 100, (70, 90, 110))
    OUT["/static/img/ad-300x250.png"] = png(300, 250, (230, 230, 230))
    OUT["/static/css/site.css"] = CSS.encode()
    OUT["/static/js/site.js"] = JS.encode()


CSS = """/* sample news site: shared stylesheet */
body{margin:0;font:14px/1.7 "Microsoft YaHei","PingFang SC",Arial,sans-serif;color:#222;background:#fff}
a{color:#1a3d7c;text-decoration:none}a:hover{text-decoration:underline}
.w1000,.wrap,.container{width:1000px;margin:0 auto}
.topbar{background:#f2f2f2;font-size:12px;line-height:28px}
.header{height:80px}.logo{float:left;padding:16px 0}.search{float:right;padding:24px 0}
.nav,.navbar,.main-nav{background:#a51d1d;clear:both}.nav ul,.navbar ul,.main-nav ul{margin:0;padding:0;list-style:none;overflow:hidden}
.nav li,.navbar li,.main-nav li{float:left}.nav a,.navbar a,.main-nav a{display:block;color:#fff;padding:0 16px;line-height:40px}
.crumbs,.breadcrumb,.breadcrumbs{font-size:12px;color:#666;margin:10px 0}
.left,.main-col,.content-main{float:left;width:680px}.right,.sidebar,aside.side{float:right;width:300px}
h1{font-size:26px;line-height:1.4;margin:10px 0}
.d_info,.info,.article-meta,.meta{color:#888;font-size:13px;border-bottom:1px solid #ddd;padding-bottom:8px}
.d_info span,.info span{margin-right:14px}
.d_txt p,.article-body p,.content p,#article p{font-size:16px;margin:0 0 1em}
.share,.share-bar,.bdsharebuttonbox{font-size:12px;color:#666;margin:8px 0}
.d_editor,.editor,.article-editor{text-align:right;color:#666;font-size:13px}
.d_copyright,.statement,.copyright-notice{background:#f7f7f7;color:#777;font-size:12px;padding:8px;margin:12px 0}
.d_related h3,.hot h3,.related h3,.sidebar h3,.more-news h3{border-left:4px solid #a51d1d;padding-left:8px;font-size:16px}
.footer,.site-footer,footer.page-footer{clear:both;background:#333;color:#ccc;font-size:12px;text-align:center;padding:16px 0;margin-top:20px}
.footer a,.site-footer a{color:#ddd}
.list li,.news-list li{list-style:none;border-bottom:1px dashed #ddd;padding:8px 0}
.list .teaser,.news-list .summary{color:#666;font-size:13px}
.pages,.pagination{text-align:center;margin:16px 0}
figure{margin:0 0 1em}figcaption,.caption{font-size:13px;color:#666;text-align:center}
.comments{border-top:2px solid #ccc;margin-top:24px}.comment{border-bottom:1px solid #eee;padding:8px 0}
"""

JS = """/* sample news site: shared script (font size switcher, share stubs) */
function doZoom(size) {
  var el = document.getElementById('content') || document.querySelector('.article-body');
  if (el) { el.style.fontSize = size + 'px'; }
}
function shareTo(where) { return false; }
var _hmt = _hmt || [];
"""


# ---------------------------------------------------------------------------
# 1 + 2. The seed article on a tibet.cn-like site: Traditional (UTF-8) and
# Simplified (GBK bytes, <meta charset="gb2312">).
# ---------------------------------------------------------------------------
TIBET_UI = {
    "trad": dict(
        lang="zh-Hant", charset="utf-8", site="中國西藏網", site_py="中國西藏網(wǎng)",
        other_label="简体", other_path=P["tibet_simp"], self_label="繁體",
        date_line="2022年7月24日 星期日", home="首頁", news="新聞", world="國際", tech="科技",
        about="關於我們", search="搜索", where="您的位置：", yaowen="要聞",
        t_label="發佈時間:", s_label="來源:", a_label="作者:", source="北京日報",
        authors="祁夢竹 范俊生", fontsize="字號：", big="大", mid="中", small="小",
        share="分享到：", wx="微信", wb="微博", qz="QQ空間", print_="列印", close="關閉窗口",
        qr="掃描二維碼 分享到微信", app="下載客戶端", editor="責任編輯:達瓦", related="相關新聞",
        hot="熱點新聞", pics="圖片新聞", contact="聯繫我們", statement="版權聲明",
        ad="廣告服務", copy_footer="Copyright © 2022 中國西藏網(wǎng) All Rights Reserved 版權(quán)所有 高原(北京)文化傳播有限公司",
        icp="京ICP備05080765號-2 京公網安備11010502034520號",
        related_base="/tibet/2022-07/",
        hot_links=[
            (P["museum_modern"], "暑期「文博熱」持續升溫 多地博物館預約「一票難求」"),
            (P["xinhua_weather"], "中央氣象台：南方高溫天氣持續 北方多地有強降雨"),
            (P["hk_heat"], "天文台發出酷熱天氣警告 市區氣溫高見34度"),
            (P["tw_ebus"], "北市公車電動化再加速 年底前新增200輛電動巴士"),
            (P["fengyuan_table"], "豐源縣部署主汛期防汛工作 確保群眾安全度汛"),
            (P["charging_gb2312"], "多地加快居民小區充電設施建設 「充電難」有望緩解"),
        ],
        pic_links=[
            (P["museum_modern"], "/static/img/2022/0723/museum.png", "博物館迎來暑期參觀高峰"),
            (P["tw_ebus"], "/static/img/2022/0722/ebus.png", "台北新款電動公車上路"),
        ],
        keywords="蔡奇,疫情防控,朝陽區,每日清零",
    ),
    "simp": dict(
        lang="zh-Hans", charset="gb2312", site="中国西藏网", site_py="中国西藏网(wǎng)",
        other_label="繁體", other_path=P["tibet_trad"], self_label="简体",
        date_line="2022年7月24日 星期日", home="首页", news="新闻", world="国际", tech="科技",
        about="关于我们", search="搜索", where="您的位置：", yaowen="要闻",
        t_label="发布时间:", s_label="来源:", a_label="作者:", source="北京日报",
        authors="祁梦竹 范俊生", fontsize="字号：", big="大", mid="中", small="小",
        share="分享到：", wx="微信", wb="微博", qz="QQ空间", print_="打印", close="关闭窗口",
        qr="扫描二维码 分享到微信", app="下载客户端", editor="责任编辑:达瓦", related="相关新闻",
        hot="热点新闻", pics="图片新闻", contact="联系我们", statement="版权声明",
        ad="广告服务", copy_footer="Copyright &copy; 2022 中国西藏网(wǎng) All Rights Reserved 版权(quán)所有 高原(北京)文化传播有限公司",
        icp="京ICP备05080765号-2 京公网安备11010502034520号",
        related_base="/tibet/gb/2022-07/",
        hot_links=[
            (P["museum_modern"], "暑期“文博热”持续升温 多地博物馆预约“一票难求”"),
            (P["xinhua_weather"], "中央气象台：南方高温天气持续 北方多地有强降雨"),
            (P["hk_heat"], "香港天文台发出酷热天气警告 市区气温高见34度"),
            (P["tw_ebus"], "台北公交电动化再加速 年底前新增200辆电动巴士"),
            (P["fengyuan_table"], "丰源县部署主汛期防汛工作 确保群众安全度汛"),
            (P["charging_gb2312"], "多地加快居民小区充电设施建设 “充电难”有望缓解"),
        ],
        pic_links=[
            (P["museum_modern"], "/static/img/2022/0723/museum.png", "博物馆迎来暑期参观高峰"),
            (P["tw_ebus"], "/static/img/2022/0722/ebus.png", "台北新款电动公交上路"),
        ],
        keywords="蔡奇,疫情防控,朝阳区,每日清零",
    ),
}

# URLs of the 10 related entries (the repeated title reuses its first URL).
# They look like articles of the same site but do not exist here (404).
RELATED_IDS = ["24/content_7242317", "24/content_7242290", "23/content_7242165",
               "23/content_7242108", "23/content_7241987", "23/content_7241960",
               "22/content_7241733", "22/content_7241702", "23/content_7242108",
               "22/content_7241655"]
RELATED_DATES = ["07-24", "07-24", "07-23", "07-23", "07-23", "07-23", "07-22", "07-22", "07-23", "07-22"]


def tibet_page(v: str) -> str:
    u = TIBET_UI[v]
    d = TRAD if v == "trad" else SIMP
    self_path = P["tibet_trad"] if v == "trad" else P["tibet_simp"]
    desc = d["body"][0][: d["body"][0].index("。") + 1]  # first sentence, pinyin and all
    related = "\n".join(
        f'<li><a href="{u["related_base"]}{rid}.htm" target="_blank">{esc(t, quote=False)}</a><span class="date">{dt}</span></li>'
        for rid, t, dt in zip(RELATED_IDS, d["related"], RELATED_DATES, strict=True))
    hot = "\n".join(f'<li><em>{i}</em><a href="{h}" target="_blank">{esc(t)}</a></li>'
                    for i, (h, t) in enumerate(u["hot_links"], 1))
    pics = "\n".join(f'<li><a href="{h}"><img src="{src}" alt="{esc(t)}" width="140" height="90"></a><p><a href="{h}">{esc(t)}</a></p></li>'
                     for h, src, t in u["pic_links"])
    charset_tag = (f'<meta charset="{u["charset"]}">' if v == "simp"
                   else '<meta charset="utf-8">\n<meta http-equiv="Content-Type" content="text/html; charset=utf-8">')
    return f"""<!DOCTYPE html>
<html lang="{u['lang']}">
<head>
{charset_tag}
<meta http-equiv="X-UA-Compatible" content="IE=edge,chrome=1">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>{d['title']}_{u['site']}</title>
<meta name="keywords" content="{u['keywords']}">
<meta name="description" content="{esc(desc)}">
<meta name="PubDate" content="2022-07-24 08:31">
<meta name="source" content="{u['source']}">
<meta name="ColumnName" content="{u['yaowen']}">
<link rel="canonical" href="{self_path}">
<link rel="stylesheet" type="text/css" href="/static/css/site.css">
<script type="text/javascript" src="/static/js/site.js"></script>
</head>
<body>
<div class="topbar"><div class="w1000">
<span class="today">{u['date_line']}</span>
<span class="links"><a href="{u['other_path']}">{u['other_label']}</a> | <b>{u['self_label']}</b> | <a href="/world/">English</a> | <a href="/about/">{u['about']}</a></span>
</div></div>
<div class="header w1000">
<div class="logo"><a href="/"><img src="/static/img/logo.png" alt="{u['site']}" width="180" height="48"></a></div>
<div class="search"><form action="/search" method="get" target="_blank"><input type="text" name="q" value=""><input type="submit" value="{u['search']}"></form></div>
</div>
<div class="nav"><div class="w1000"><ul>
<li><a href="/">{u['home']}</a></li>
<li><a href="/china/">{u['news']}</a></li>
<li><a href="/world/">{u['world']}</a></li>
<li><a href="/tech/">{u['tech']}</a></li>
<li><a href="/about/">{u['about']}</a></li>
</ul></div></div>
<div class="main w1000">
<div class="crumbs">{u['where']}<a href="/">{u['home']}</a> &gt; <a href="/china/">{u['news']}</a> &gt; <a href="/china/">{u['yaowen']}</a></div>
<div class="left">
<div class="d_title"><h1>{d['title']}</h1></div>
<div class="d_info">
<span class="time">{u['t_label']}2022-07-24 08:31</span>
<span class="source">{u['s_label']}{u['source']}</span>
<span class="author">{u['a_label']}{u['authors']}</span>
<span class="fontsize">【{u['fontsize']}<a href="javascript:doZoom(18)">{u['big']}</a> <a href="javascript:doZoom(16)">{u['mid']}</a> <a href="javascript:doZoom(14)">{u['small']}</a>】</span>
</div>
<div class="share bdsharebuttonbox">{u['share']}<a href="javascript:;" class="bds_weixin" onclick="return shareTo('weixin')">{u['wx']}</a> <a href="javascript:;" class="bds_tsina" onclick="return shareTo('weibo')">{u['wb']}</a> <a href="javascript:;" class="bds_qzone" onclick="return shareTo('qzone')">{u['qz']}</a></div>
<div class="d_txt" id="content">
<p style="text-align: center;">{d['kicker']}</p>
<p style="text-align: center;"><strong>{d['main']}</strong></p>
<p style="text-align: center;">{d['subtitle']}</p>
{paras_html(d['body']).replace('<p>', '<p style="text-indent: 2em;">')}
</div>
<div class="d_editor">{u['editor']}</div>
<div class="d_copyright">{d['copyright']}</div>
<div class="d_tools">【<a href="javascript:window.print();">{u['print_']}</a>】【<a href="javascript:window.close();">{u['close']}</a>】
<span class="qr"><img src="/static/img/qrcode.png" alt="" width="90" height="90">{u['qr']}</span></div>
<div class="d_related">
<h3>{u['related']}</h3>
<ul>
{related}
</ul>
</div>
</div>
<div class="right">
<div class="app"><a href="/about/"><img src="/static/img/qrcode.png" alt="" width="90" height="90">{u['app']}</a></div>
<div class="hot">
<h3>{u['hot']}</h3>
<ol>
{hot}
</ol>
</div>
<div class="pic">
<h3>{u['pics']}</h3>
<ul>
{pics}
</ul>
</div>
<div class="ad"><a href="/about/"><img src="/static/img/ad-300x250.png" alt="" width="300" height="250"></a></div>
</div>
</div>
<div class="footer">
<p><a href="/about/">{u['about']}</a> | <a href="/about/">{u['contact']}</a> | <a href="/about/">{u['statement']}</a> | <a href="/about/">{u['ad']}</a></p>
<p>{u['copy_footer']}</p>
<p>{u['icp']}</p>
</div>
</body>
</html>
"""


def build_tibet() -> None:
    put(P["tibet_trad"], tibet_page("trad"), "utf-8", strict=True)
    simp_html = tibet_page("simp")
    put(P["tibet_simp"], simp_html, "gbk", strict=True)
    # the GBK page must not be decodable as strict GB2312 (it holds 於)
    try:
        OUT[P["tibet_simp"]].decode("gb2312")
    except UnicodeDecodeError:
        pass
    else:  # pragma: no cover
        raise AssertionError("GBK page unexpectedly decodes as gb2312")

    for v, key in (("trad", "tibet_trad"), ("simp", "tibet_simp")):
        d = TRAD if v == "trad" else SIMP
        u = TIBET_UI[v]
        body = [clean_pinyin(p) for p in d["body"]]
        rel = []
        seen = set()
        for rid, t in zip(RELATED_IDS, d["related"], strict=True):
            t = clean_pinyin(t)
            if t in seen:
                continue
            seen.add(t)
            rel.append({"title": t, "path": f"{u['related_base']}{rid}.htm"})
        if v == "trad":
            must = ["昨天下午,北京市委書記、市疫情防控工作領導小組組長蔡奇到朝陽區檢查疫情處置工作",
                    "市領導孫梅君、張家明參加。"]
            must_not = ["分享到", "版權聲明:凡注明"]
        else:
            must = ["当前疫情防控处於胶着状态,最后的胜利就在于再坚持的努力之中。",
                    "市领导孙梅君、张家明参加。"]
            must_not = ["扫描二维码", "版权声明:凡注明"]
        for s in must:
            assert any(s in p for p in body), s
        article(
            key,
            title=clean_pinyin(d["title"]),
            language=u["lang"],
            encoding="utf-8" if v == "trad" else "gbk",
            declared_charset=u["charset"],
            published_at="2022-07-24T08:31:00+08:00",
            authors=["祁夢竹", "范俊生"] if v == "trad" else ["祁梦竹", "范俊生"],
            body_contains=must,
            body_excludes=must_not,
            site_name=u["site"],
            kicker=clean_pinyin(d["kicker"]),
            subtitle=clean_pinyin(d["subtitle"]),
            byline="本報訊(記者 祁夢竹范俊生)" if v == "trad" else "本报讯(记者 祁梦竹范俊生)",
            source=u["source"],
            editor="達瓦" if v == "trad" else "达瓦",
            body_paragraphs=body,
            body_starts_with=body[0][:20],
            copyright=clean_pinyin(d["copyright"]),
            related=rel,
            has_pinyin_artifacts=True,
            json_ld=False,
            og=False,
            canonical=P[key],
            same_story_as=P["tibet_simp"] if v == "trad" else P["tibet_trad"],
            notes=("the seed article (tibet.cn dump); pinyin kept everywhere; related links 404 here"
                   if v == "trad" else
                   "seed article in Simplified Chinese, GBK bytes under <meta charset=gb2312>; "
                   "body holds 於 (GBK-only) so strict gb2312 decoding fails; pinyin letters are raw GBK bytes"),
        )


# ---------------------------------------------------------------------------
# 3. A 2005-style county news site: nested <table>s, <font>, paragraphs split
#    by <br>, named entities, GBK bytes with charset=gbk declared.
# ---------------------------------------------------------------------------
FENGYUAN_TITLE = "丰源县部署主汛期防汛工作 确保群众安全度汛"
FENGYUAN_BODY = [
    "7月19日下午，丰源县召开主汛期防汛工作调度会，传达上级关于防汛救灾工作的部署要求，分析研判当前雨情水情，安排部署“七下八上”关键期防汛各项工作。县委副书记、县长周振华出席会议并讲话，县直有关部门负责同志和各乡镇主要负责同志参加会议。会议指出，进入7月以来，全县累计平均降雨量较常年同期偏多三成，境内青龙河、白沙河水位持续偏高，部分山区乡镇土壤含水量接近饱和，防汛形势不容乐观。",
    "周振华强调，各级各部门要牢固树立底线思维，克服麻痹思想和侥幸心理，把确保人民群众生命安全放在第一位。要盯紧中小水库、淤地坝、山洪沟道、地质灾害隐患点等重点部位，逐一落实巡查责任人和转移避险预案，做到隐患排查不漏一处、人员转移不落一人。对于汛前排查出的47处风险点，要在7月底前全部完成整改销号，确实无法完成的必须落实临时防护措施。",
    "会议要求，气象、水利、自然资源等部门要加强会商研判，提高预报预警的精准度和时效性，确保预警信息第一时间传递到村到户到人。各乡镇要充实基层抢险队伍，提前预置冲锋舟、救生衣、编织袋、发电机等防汛物资，一旦发生险情能够拉得出、冲得上、打得赢。同时，要严格执行24小时值班和领导带班制度，保持通讯畅通，重要情况及时报告，坚决杜绝迟报、漏报、瞒报。",
    "据了解，今年以来丰源县已投入资金2300余万元，完成病险水库除险加固3座，新建和维修河道堤防11.6公里，在沿河村庄新增自动雨量站和水位监测站26个，基层防汛能力得到进一步提升。县应急管理局相关负责人表示，下一步将组织开展防汛应急演练，进一步检验预案的可操作性，全力以赴确保全县安全度汛。",
]


def old_style_entities(text: str) -> str:
    """2005-era CMS output: curly quotes as named entities."""
    return esc(text, quote=False).replace("“", "&ldquo;").replace("”", "&rdquo;")


def build_fengyuan() -> None:
    body_html = "<br>\n<br>\n".join("　　" + old_style_entities(p) for p in FENGYUAN_BODY)
    page = f"""<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 4.01 Transitional//EN">
<HTML>
<HEAD>
<META http-equiv="Content-Type" content="text/html; charset=gbk">
<TITLE>{FENGYUAN_TITLE}--丰源新闻网</TITLE>
<META name="keywords" content="防汛,丰源县,安全度汛">
<META name="description" content="丰源县召开主汛期防汛工作调度会，安排部署“七下八上”关键期防汛各项工作。">
<LINK href="/static/css/site.css" type="text/css" rel="stylesheet">
<SCRIPT language="javascript" src="/static/js/site.js"></SCRIPT>
</HEAD>
<BODY leftmargin="0" topmargin="0" bgcolor="#FFFFFF">
<table width="980" border="0" align="center" cellpadding="0" cellspacing="0">
  <tr>
    <td height="90" bgcolor="#1F5FA8"><a href="/"><img src="/static/img/logo.png" width="180" height="48" border="0" alt="丰源新闻网"></a>
    <font color="#FFFFFF" size="2">丰源县融媒体中心主办</font></td>
  </tr>
  <tr>
    <td height="30" bgcolor="#E8EEF7" class="nav"><font size="2">
    <a href="/">网站首页</a> | <a href="/china/">本地新闻</a> | <a href="/china/index_2.html">乡镇动态</a> | <a href="/tech/">科技</a> | <a href="/world/">国际</a> | <a href="/about/">关于我们</a>
    </font></td>
  </tr>
</table>
<table width="980" border="0" align="center" cellpadding="0" cellspacing="0">
  <tr>
    <td width="700" valign="top">
      <table width="100%" border="0" cellspacing="0" cellpadding="4">
        <tr><td height="26"><font size="2" color="#666666">当前位置：<a href="/">首页</a> &gt;&gt; <a href="/china/">本地新闻</a> &gt;&gt; 正文</font></td></tr>
      </table>
      <table width="96%" border="0" align="center" cellpadding="0" cellspacing="0">
        <tr><td align="center" height="50"><font size="5" color="#0B3B8C"><b>{FENGYUAN_TITLE}</b></font></td></tr>
        <tr><td align="center" height="26" bgcolor="#F3F3F3"><font size="2" color="#888888">发布时间：2022-07-20 10:15:32&nbsp;&nbsp;&nbsp;来源：丰源县融媒体中心&nbsp;&nbsp;&nbsp;作者：李建国&nbsp;&nbsp;&nbsp;点击数：<span id="hits">1289</span>&nbsp;&nbsp;&nbsp;【字体：<a href="javascript:doZoom(16)">大</a> <a href="javascript:doZoom(14)">中</a> <a href="javascript:doZoom(12)">小</a>】</font></td></tr>
        <tr><td height="10"></td></tr>
        <tr>
          <td class="content">
            <table width="100%" border="0" cellspacing="0" cellpadding="0">
              <tr><td align="center"><img src="/static/img/2022/0720/flood.png" width="160" height="100" border="0" alt=""><br><font size="2" color="#666666">会议现场</font></td></tr>
              <tr><td height="8"></td></tr>
              <tr><td><font size="3" style="line-height:180%">{body_html}</font></td></tr>
            </table>
          </td>
        </tr>
        <tr><td align="right"><font size="2" color="#666666">（责任编辑：赵敏）</font></td></tr>
        <tr><td height="30" align="center"><font size="2">【<a href="javascript:window.print()">打印本页</a>】【<a href="javascript:window.external.AddFavorite(location.href,document.title)">加入收藏</a>】【<a href="javascript:window.close()">关闭窗口</a>】</font></td></tr>
        <tr><td><font size="2">上一篇：<a href="/news/2022-07-19/118.shtml">丰源县开展汛期安全生产大检查</a><br>下一篇：<a href="/news/2022-07-21/126.shtml">全县夏季农业生产技术培训班开班</a></font></td></tr>
        <tr><td height="10"></td></tr>
        <tr><td bgcolor="#E8EEF7"><font size="2"><b>相关文章</b></font></td></tr>
        <tr><td><font size="2">
          ·<a href="/news/2022-07-12/101.shtml">县防汛抗旱指挥部召开专题会议</a>　2022-07-12<br>
          ·<a href="/news/2022-07-08/96.shtml">青龙河沿岸村庄开展防汛应急演练</a>　2022-07-08<br>
          ·<a href="/news/2022-06-30/88.shtml">丰源县完成3座病险水库除险加固</a>　2022-06-30<br>
          ·<a href="{P['charging_gb2312']}">多地加快居民小区充电设施建设</a>　2022-07-22
        </font></td></tr>
      </table>
    </td>
    <td width="10"></td>
    <td width="270" valign="top">
      <table width="100%" border="1" bordercolor="#D6DFEE" cellspacing="0" cellpadding="4">
        <tr><td bgcolor="#1F5FA8"><font color="#FFFFFF" size="2"><b>热点新闻</b></font></td></tr>
        <tr><td><font size="2">
          1. <a href="{P['museum_modern']}">暑期“文博热”持续升温</a><br>
          2. <a href="{P['xinhua_weather']}">中央气象台：南方高温天气持续</a><br>
          3. <a href="{P['tibet_simp']}">蔡奇到朝阳区检查疫情处置工作</a><br>
          4. <a href="/news/2022-07-18/112.shtml">县城老旧小区改造工程全面开工</a><br>
          5. <a href="/news/2022-07-15/107.shtml">丰源县举办第三届农民丰收节筹备会</a>
        </font></td></tr>
      </table>
      <br>
      <table width="100%" border="1" bordercolor="#D6DFEE" cellspacing="0" cellpadding="4">
        <tr><td bgcolor="#1F5FA8"><font color="#FFFFFF" size="2"><b>便民服务</b></font></td></tr>
        <tr><td><font size="2"><a href="/about/">公交查询</a> <a href="/about/">天气预报</a> <a href="/about/">办事指南</a></font></td></tr>
      </table>
    </td>
  </tr>
</table>
<table width="980" border="0" align="center" cellpadding="6" cellspacing="0" bgcolor="#E8EEF7">
  <tr><td align="center"><font size="2" color="#666666">
    <a href="/about/">关于我们</a> | <a href="/about/">联系方式</a> | <a href="/about/">网站声明</a><br>
    本站所有稿件，转载请注明出处“丰源新闻网”。<br>
    版权所有：丰源县融媒体中心 Copyright &copy; 2005-2022 All Rights Reserved<br>
    ICP备05012345号 &nbsp;建议使用1024×768分辨率浏览
  </font></td></tr>
</table>
</BODY>
</HTML>
"""
    put(P["fengyuan_table"], page, "gbk", strict=True)
    article(
        "fengyuan_table",
        title=FENGYUAN_TITLE, language="zh-Hans", encoding="gbk", declared_charset="gbk",
        published_at="2022-07-20T10:15:32+08:00", authors=["李建国"],
        body_contains=["对于汛前排查出的47处风险点，要在7月底前全部完成整改销号",
                       "全力以赴确保全县安全度汛。"],
        body_excludes=["打印本页", "转载请注明出处"],
        site_name="丰源新闻网", source="丰源县融媒体中心", editor="赵敏",
        body_paragraphs=FENGYUAN_BODY, related_count=4, json_ld=False, og=False,
        notes="2005-style nested tables, <font>, paragraphs separated by <br><br> with full-width indents, "
              "&ldquo;/&rdquo; entities, hit counter and prev/next links; related and prev/next links mostly 404",
    )


# ---------------------------------------------------------------------------
# 4. A modern portal with <article>, JSON-LD, og:*, <figure>, an inline
#    相关阅读 box inside the article, 推荐阅读 after it.
# 7. The same portal reprinting the Xinhua-like wire story (near duplicate).
# ---------------------------------------------------------------------------
MUSEUM_TITLE = "暑期“文博热”持续升温 多地博物馆预约“一票难求”"
MUSEUM_BODY = [
    "暑期以来，各地博物馆迎来参观高峰。记者7月23日在多家省级博物馆采访时看到，开馆前一个小时，馆外已排起长队，不少家长带着孩子前来“打卡”。多家博物馆工作人员表示，周末和节假日的预约名额往往在开放预约后几分钟内便被一抢而空，“文博热”正成为这个夏天最受关注的文旅现象之一。",
    "“提前一周定了闹钟，还是只抢到了下午场。”来自外地的游客张女士告诉记者，这次带着上初中的女儿专程来看青铜器特展，“孩子在课本上学过的文物，能亲眼看到，感受完全不一样。”记者注意到，在热门展厅里，不少观众一边听讲解一边做笔记，还有年轻人身着汉服在展品前拍照留念，展厅内秩序井然。",
    "面对持续高涨的参观需求，多家博物馆推出了延时开放、增加预约名额、开设夜场等措施。某省博物馆相关负责人介绍，馆方自7月中旬起将周五、周六闭馆时间延后至晚上9点，每日预约总量由8000人次增加至1.2万人次，同时增派志愿者在重点展厅进行分流引导，尽量让更多观众“进得来、看得好”。",
    "业内人士分析，“文博热”的背后是公众文化消费需求的持续释放，也与近年来博物馆在展陈设计、数字化服务和文创开发方面的不断创新密切相关。专家建议，博物馆在扩大开放的同时，还应进一步完善分时预约机制，打击“黄牛”倒卖预约名额的行为，并通过线上展览、云端讲解等方式，让文物资源惠及更多群众。",
]

WEATHER_TITLE = "中央气象台：南方高温天气持续 北方多地有强降雨"
WEATHER_BYLINE = "新华社北京7月24日电（记者 王书桐）"
WEATHER_BODY = [
    WEATHER_BYLINE + "记者24日从中央气象台获悉，当前我国南方地区高温天气仍在持续，江南、华南北部以及四川盆地东部等地的部分地区最高气温达37℃至39℃，局地可达40℃以上；与此同时，受冷暖空气共同影响，华北、东北地区将出现一次较强降雨过程，公众需注意防范高温和强降雨叠加带来的不利影响。",
    "据中央气象台首席预报员介绍，预计未来三天，江南、华南北部等地仍将维持35℃以上的高温天气，部分地区日最高气温可能突破当地7月历史极值。高温持续时间长、影响范围广，将对电力供应、农业生产和户外作业人员健康产生一定影响。气象部门提醒，相关地区应合理安排作息时间，尽量避免午后高温时段长时间户外活动，做好防暑降温工作。",
    "在北方地区，24日至26日，华北东部、东北地区中南部等地将有中到大雨，局地暴雨或大暴雨，并伴有短时强降水、雷暴大风等强对流天气，最大小时降雨量可达50至80毫米。中央气象台提醒，强降雨区域内的中小河流、山洪沟道以及城市低洼地带需加强巡查，防范可能引发的山洪、地质灾害和城市内涝。",
    "农业气象专家表示，当前正值秋粮作物生长关键期，南方高温少雨地区需及时灌溉，防范高温热害对水稻抽穗扬花的影响；北方降雨偏多地区则要注意清沟排水，防止农田渍涝。各地应根据天气变化，科学安排田间管理，最大程度减轻不利天气对农业生产的影响。",
]

HUADONG_NAV = """<header class="site-header">
  <div class="container">
    <a class="logo" href="/"><img src="/static/img/logo.png" alt="华东在线" width="180" height="48"></a>
    <nav class="main-nav" aria-label="主导航"><ul>
      <li><a href="/">首页</a></li><li><a href="/china/" class="active">国内</a></li><li><a href="/world/">国际</a></li>
      <li><a href="/tech/">科技</a></li><li><a href="/china/index_2.html">社会</a></li><li><a href="/about/">关于我们</a></li>
    </ul></nav>
    <div class="header-tools"><a href="/about/">下载客户端</a> <a href="/about/">登录</a> <form action="/search" class="search-form"><input name="q" placeholder="搜索"></form></div>
  </div>
</header>"""

HUADONG_FOOTER = """<footer class="site-footer">
  <div class="container">
    <p><a href="/about/">关于我们</a> | <a href="/about/">联系我们</a> | <a href="/about/">广告服务</a> | <a href="/about/">网站地图</a> | <a href="/rss.xml">RSS订阅</a></p>
    <p>Copyright © 2022 华东在线 版权所有 未经书面授权禁止使用</p>
    <p>互联网新闻信息服务许可证编号：31120170004 沪ICP备12345678号</p>
  </div>
</footer>"""


def huadong_sidebar(exclude: str) -> str:
    items = [
        (P["museum_modern"], "暑期“文博热”持续升温 多地博物馆预约“一票难求”", "8.6万"),
        (P["xinhua_weather"], "中央气象台：南方高温天气持续 北方多地有强降雨", "6.1万"),
        (P["tibet_simp"], "蔡奇：以每日清零的标准 防松劲防死角防反弹", "4.9万"),
        (P["charging_gb2312"], "小区“充电难”怎么破？多地出实招", "3.3万"),
        (P["fengyuan_table"], "丰源县部署主汛期防汛工作", "1.8万"),
        (P["tw_ebus"], "台北年底前新增200辆电动巴士", "1.2万"),
        ("/china/2022-07-23/doc-imizirav5100321.shtml", "今年上半年全国居民人均可支配收入稳步增长", "1.1万"),
    ]
    lis = "\n".join(f'<li><span class="rank">{i}</span><a href="{h}">{esc(t)}</a><span class="views">{v}阅读</span></li>'
                    for i, (h, t, v) in enumerate([x for x in items if x[0] != exclude][:6], 1))
    return f"""<aside class="side sidebar">
  <section class="hot-news"><h3>热点新闻</h3><ol>
{lis}
  </ol></section>
  <section class="app-promo"><img src="/static/img/qrcode.png" alt="" width="90" height="90"><p>扫描二维码 下载华东在线客户端</p></section>
  <section class="ad"><img src="/static/img/ad-300x250.png" alt="广告" width="300" height="250"></section>
</aside>"""


def huadong_page(*, path, title, time_str, iso, source, authors_line, paras, editor,
                 inline_related=None, figure=None, json_ld=None, og=True, notice,
                 recommend, description, section="国内"):
    body_parts = []
    for i, p in enumerate(paras):
        body_parts.append(f"<p>{esc(p, quote=False)}</p>")
        if figure and i == 0:
            body_parts.append(figure)
        if inline_related and i == len(paras) - 2:
            body_parts.append(inline_related)
    body_html = "\n".join(body_parts)
    rec = "\n".join(f'<li><a href="{h}">{esc(t)}</a><span class="time">{d}</span></li>' for h, t, d in recommend)
    ogs = ""
    if og:
        ogs = f"""<meta property="og:type" content="article">
<meta property="og:title" content="{esc(title)}">
<meta property="og:description" content="{esc(description)}">
<meta property="og:site_name" content="华东在线">
<meta property="og:image" content="/static/img/2022/0723/museum.png">
<meta property="article:published_time" content="{iso}">
<meta property="article:section" content="{section}">
"""
    ld = ""
    if json_ld:
        ld = '<script type="application/ld+json">\n' + json.dumps(json_ld, ensure_ascii=False, indent=2) + "\n</script>\n"
    return f"""<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{esc(title)}-华东在线</title>
<meta name="description" content="{esc(description)}">
<meta name="keywords" content="{section},新闻">
{ogs}{ld}<link rel="stylesheet" href="/static/css/site.css">
<script src="/static/js/site.js" defer></script>
</head>
<body class="article-page">
{HUADONG_NAV}
<div class="container">
  <nav class="breadcrumb" aria-label="breadcrumb"><a href="/">华东在线</a> &gt; <a href="/china/">{section}</a> &gt; <span>正文</span></nav>
  <div class="main-col">
    <article class="article">
      <header class="article-header">
        <h1 class="article-title">{esc(title)}</h1>
        <div class="article-meta meta">
          <time class="pubtime" datetime="{iso}">{time_str}</time>
          <span class="source">来源：{source}</span>
          {authors_line}
          <span class="comment-count"><a href="#comments">评论(36)</a></span>
        </div>
        <div class="share-bar">分享到：<a href="javascript:;" data-share="weixin">微信</a> <a href="javascript:;" data-share="weibo">微博</a> <a href="javascript:;" data-share="qzone">QQ空间</a> <span class="font-size">字号 <a href="javascript:doZoom(18)">大</a> <a href="javascript:doZoom(16)">中</a> <a href="javascript:doZoom(14)">小</a></span></div>
      </header>
      <div class="article-body content" id="article">
{body_html}
      </div>
      <p class="copyright-notice statement">{notice}</p>
      <div class="article-editor editor">责任编辑：{editor}</div>
      <div class="article-actions"><a href="javascript:window.print()">打印</a> <a href="javascript:;">纠错</a> <a href="javascript:;">收藏</a> <a href="javascript:window.close()">关闭窗口</a></div>
    </article>
    <section class="related recommend"><h3>推荐阅读</h3><ul class="news-list">
{rec}
    </ul></section>
    <section class="comments" id="comments"><h3>网友评论</h3><p class="comment">华东网友：暑假带孩子去过一次，确实要提前预约。</p><p class="comment">上海网友：希望多开夜场。</p><p><a href="/about/">查看全部评论</a></p></section>
  </div>
{huadong_sidebar(path)}
</div>
{HUADONG_FOOTER}
</body>
</html>
"""


def build_huadong() -> None:
    figure = """<figure class="article-img"><img src="/static/img/2022/0723/museum.png" alt="游客在博物馆内参观" width="640" height="400"><figcaption>7月23日，游客在博物馆内参观。 记者 陈思远 摄</figcaption></figure>"""
    inline = f"""<div class="related-inline">相关阅读：<a href="{P['xinhua_weather']}">中央气象台：南方高温天气持续 北方多地有强降雨</a></div>"""
    ld: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": MUSEUM_TITLE,
        "description": "暑期以来，各地博物馆迎来参观高峰，多家博物馆推出延时开放、增加预约名额等措施。",
        "datePublished": "2022-07-24T09:12:00+08:00",
        "dateModified": "2022-07-24T10:03:00+08:00",
        "author": [{"@type": "Person", "name": "陈思远"}, {"@type": "Person", "name": "刘雨桐"}],
        "publisher": {"@type": "Organization", "name": "华东在线",
                      "logo": {"@type": "ImageObject", "url": "/static/img/logo.png"}},
        "image": ["/static/img/2022/0723/museum.png"],
        "mainEntityOfPage": P["museum_modern"],
        "articleSection": "国内",
        "inLanguage": "zh-CN",
    }
    recommend = [
        (P["xinhua_weather"], "中央气象台：南方高温天气持续 北方多地有强降雨", "07-24 10:26"),
        (P["tibet_simp"], "蔡奇：以每日清零的标准 防松劲防死角防反弹", "07-24 08:31"),
        (P["charging_gb2312"], "多地加快居民小区充电设施建设 “充电难”有望缓解", "07-22 14:20"),
        ("/china/2022-07-23/doc-imizirav5100321.shtml", "今年上半年全国居民人均可支配收入稳步增长", "07-23 16:02"),
    ]
    put(P["museum_modern"], huadong_page(
        path=P["museum_modern"], title=MUSEUM_TITLE, time_str="2022-07-24 09:12",
        iso="2022-07-24T09:12:00+08:00", source="华东在线",
        authors_line='<span class="author">作者：陈思远 实习生 刘雨桐</span>',
        paras=MUSEUM_BODY, editor="孙婧", inline_related=inline, figure=figure, json_ld=ld,
        notice="（本文为华东在线原创稿件，转载请注明来源及作者，违者必究。）",
        recommend=recommend, description=ld["description"]))
    article(
        "museum_modern", title=MUSEUM_TITLE, language="zh-Hans", encoding="utf-8", declared_charset="utf-8",
        published_at="2022-07-24T09:12:00+08:00", modified_at="2022-07-24T10:03:00+08:00",
        authors=["陈思远", "刘雨桐"],
        body_contains=["多家博物馆推出了延时开放、增加预约名额、开设夜场等措施。",
                       "让文物资源惠及更多群众。"],
        body_excludes=["相关阅读", "7月23日，游客在博物馆内参观。"],
        site_name="华东在线", source="华东在线", editor="孙婧", body_paragraphs=MUSEUM_BODY,
        images=[{"path": "/static/img/2022/0723/museum.png", "caption": "7月23日，游客在博物馆内参观。 记者 陈思远 摄"}],
        copyright="（本文为华东在线原创稿件，转载请注明来源及作者，违者必究。）",
        related_count=4, json_ld=True, og=True,
        notes="modern <article>; an inline 相关阅读 box and a <figure> sit inside the body container; "
              "authors line has 实习生 label; 推荐阅读 list and comments after the article",
    )

    # 7. reprint of the wire story: same body, different boilerplate, no JSON-LD
    recommend2 = [
        (P["museum_modern"], "暑期“文博热”持续升温 多地博物馆预约“一票难求”", "07-24 09:12"),
        (P["fengyuan_table"], "丰源县部署主汛期防汛工作 确保群众安全度汛", "07-20 10:15"),
        ("/china/2022-07-24/doc-imizirav5124001.shtml", "多地电网负荷创新高 迎峰度夏保供电", "07-24 11:40"),
        ("/china/2022-07-23/doc-imizirav5100321.shtml", "今年上半年全国居民人均可支配收入稳步增长", "07-23 16:02"),
    ]
    put(P["weather_reprint"], huadong_page(
        path=P["weather_reprint"], title=WEATHER_TITLE, time_str="2022-07-24 11:05",
        iso="2022-07-24T11:05:00+08:00", source="新华社", authors_line="",
        paras=WEATHER_BODY, editor="孙婧", og=False,
        notice="（转载自新华社，版权归原作者所有，如有侵权请联系删除。）",
        recommend=recommend2, description="中央气象台24日表示，南方高温天气仍在持续，华北、东北地区将出现一次较强降雨过程。"))
    article(
        "weather_reprint", title=WEATHER_TITLE, language="zh-Hans", encoding="utf-8", declared_charset="utf-8",
        published_at="2022-07-24T11:05:00+08:00", authors=["王书桐"],
        body_contains=["最大小时降雨量可达50至80毫米。", "科学安排田间管理，最大程度减轻不利天气对农业生产的影响。"],
        body_excludes=["转载自新华社", "网友评论"],
        site_name="华东在线", source="新华社", editor="孙婧", byline=WEATHER_BYLINE,
        body_paragraphs=WEATHER_BODY, related_count=4, json_ld=False, og=False,
        duplicate_of=P["xinhua_weather"],
        notes="reprint of the Xinhua-like wire story: identical body, different site chrome; only in rss.xml",
    )


# ---------------------------------------------------------------------------
# 5. A Xinhua-like wire story: 新华社北京7月24日电（记者 ...）
# ---------------------------------------------------------------------------
def build_xinhua() -> None:
    body_html = "\n".join(f'<p>　　{esc(p, quote=False)}</p>' for p in WEATHER_BODY)
    page = f"""<!DOCTYPE html>
<html>
<head>
<meta http-equiv="Content-Type" content="text/html; charset=utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1">
<title>{WEATHER_TITLE}-新华网</title>
<meta name="keywords" content="高温,强降雨,中央气象台">
<meta name="description" content="{WEATHER_TITLE}---记者24日从中央气象台获悉，当前我国南方地区高温天气仍在持续。">
<meta name="source" content="新华网">
<meta name="publishdate" content="2022-07-24">
<link rel="stylesheet" href="/static/css/site.css">
<script src="/static/js/site.js"></script>
</head>
<body>
<div class="topbar"><div class="wrap"><a href="/">新华网首页</a> | <a href="/china/">时政</a> | <a href="/world/">国际</a> | <a href="/tech/">科技</a> | <a href="/about/">客户端</a></div></div>
<div class="wrap header">
  <div class="logo"><a href="/"><img src="/static/img/logo.png" alt="新华网" width="180" height="48"></a></div>
  <div class="breadcrumb crumbs"><a href="/">新华网</a> &gt; <a href="/china/">时政</a> &gt; 正文</div>
</div>
<div class="wrap">
  <div class="main-col">
    <div class="h-title"><h1>{WEATHER_TITLE}</h1></div>
    <div class="h-info info">
      <span class="h-time">2022-07-24 10:26:17</span>
      <span class="source">来源：新华网</span>
      <span class="fontsize">【字体：<a href="javascript:doZoom(18)">大</a> <a href="javascript:doZoom(16)">中</a> <a href="javascript:doZoom(14)">小</a>】</span>
    </div>
    <div class="share">分享到：<a href="javascript:;">微信</a> <a href="javascript:;">微博</a> <a href="javascript:;">QQ空间</a> <span>扫描二维码，手机阅读</span> <img src="/static/img/qrcode.png" alt="" width="90" height="90"></div>
    <div id="detail" class="content">
{body_html}
    </div>
    <div class="p-tags editor">【<a href="javascript:;">纠错</a>】 <span class="editor">责任编辑：刘洋</span></div>
    <div class="related"><h3>相关新闻</h3><ul>
      <li><a href="/politics/2022-07/23/c_1128856102.htm">气象部门启动重大气象灾害（高温）四级应急响应</a></li>
      <li><a href="/politics/2022-07/22/c_1128853377.htm">国家防总针对南方高温干旱启动抗旱四级应急响应</a></li>
      <li><a href="{P['museum_modern']}">暑期“文博热”持续升温 多地博物馆预约“一票难求”</a></li>
    </ul></div>
  </div>
  <div class="sidebar">
    <h3>热点新闻</h3>
    <ul>
      <li><a href="{P['tibet_simp']}">蔡奇：以每日清零的标准 防松劲防死角防反弹</a></li>
      <li><a href="{P['charging_gb2312']}">多地加快居民小区充电设施建设</a></li>
      <li><a href="{P['fengyuan_table']}">丰源县部署主汛期防汛工作</a></li>
      <li><a href="{P['hk_heat']}">香港天文台发出酷热天气警告</a></li>
      <li><a href="/politics/2022-07/24/c_1128858590.htm">我国成功发射问天实验舱</a></li>
    </ul>
    <div class="app">下载新华社客户端</div>
  </div>
</div>
<div class="footer">
  <p><a href="/about/">关于我们</a> | <a href="/about/">版权声明</a> | <a href="/about/">联系我们</a></p>
  <p>Copyright © 2000-2022 XINHUANET.com All Rights Reserved. 制作单位：新华网股份有限公司 版权所有 新华网股份有限公司</p>
</div>
</body>
</html>
"""
    put(P["xinhua_weather"], page, "utf-8", strict=True)
    article(
        "xinhua_weather", title=WEATHER_TITLE, language="zh-Hans", encoding="utf-8", declared_charset="utf-8",
        published_at="2022-07-24T10:26:17+08:00", authors=["王书桐"],
        body_contains=["记者24日从中央气象台获悉，当前我国南方地区高温天气仍在持续",
                       "防范可能引发的山洪、地质灾害和城市内涝。"],
        body_excludes=["责任编辑", "扫描二维码，手机阅读"],
        site_name="新华网", source="新华网", editor="刘洋", byline=WEATHER_BYLINE,
        body_paragraphs=WEATHER_BODY, body_starts_with=WEATHER_BYLINE, related_count=3,
        json_ld=False, og=False,
        notes="wire dateline/byline opens the first paragraph; paragraphs indented with full-width spaces",
    )


# ---------------------------------------------------------------------------
# 6. A tech page: <meta http-equiv> says gb2312, bytes are strict GB2312,
#    and the server sends no charset in Content-Type.
# ---------------------------------------------------------------------------
CHARGING_TITLE = "多地加快居民小区充电设施建设 “充电难”有望缓解"
CHARGING_BODY = [
    "随着新能源汽车保有量快速增长，居民小区“充电难”问题日益受到关注。记者近日在多个城市调查发现，不少老旧小区由于电力容量不足、停车位权属复杂、物业配合意愿不强等原因，私人充电桩安装推进缓慢，部分车主不得不在公共充电站排队充电，有时一等就是一两个小时。",
    "为破解这一难题，多地相继出台措施推动充电设施进小区。有的城市明确要求新建住宅小区停车位全部建设充电设施或预留安装条件，对既有小区则由供电企业开辟“绿色通道”，简化报装流程、压缩办理时限；有的地方探索“统建统营”模式，由专业运营商在小区内集中建设充电桩，居民扫码即可使用，物业负责日常协调管理。",
    "在某市一个建成于上世纪九十年代的小区，记者看到，原本闲置的一块空地已被改造成集中充电区，12个充电车位整齐排列。小区居民王先生说：“以前每天下班都要绕到几公里外的充电站，现在楼下就能充，晚上充电电价还便宜，省心多了。”据运营方介绍，该充电区投入使用两个月以来，日均服务车辆超过40辆次。",
    "业内专家认为，推进充电设施进小区，既要解决好电网改造、场地协调等“硬约束”，也要理顺建设运营、收费管理、安全监管等方面的机制。下一步，应加快完善相关标准和扶持政策，鼓励“光储充”一体化等新技术应用，引导居民错峰充电，推动充电基础设施与新能源汽车产业协调发展。",
]


def build_charging() -> None:
    body_html = "\n".join(f"<P>　　{esc(p, quote=False)}</P>" for p in CHARGING_BODY)
    page = f"""<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
<html xmlns="http://www.w3.org/1999/xhtml">
<head>
<meta http-equiv="Content-Type" content="text/html; charset=gb2312" />
<title>{CHARGING_TITLE} - IT时讯网</title>
<meta name="keywords" content="新能源汽车,充电桩,充电设施,小区" />
<meta name="description" content="随着新能源汽车保有量快速增长，居民小区“充电难”问题日益受到关注。" />
<link href="/static/css/site.css" rel="stylesheet" type="text/css" />
<script type="text/javascript" src="/static/js/site.js"></script>
</head>
<body>
<div id="top" class="topbar"><div class="w1000">IT时讯网 | <a href="/">首页</a> <a href="/tech/">科技</a> <a href="/china/">国内</a> <a href="/world/">国际</a> | <a href="/about/">手机版</a></div></div>
<div class="w1000 header"><div class="logo"><a href="/"><img src="/static/img/logo.png" alt="IT时讯网" width="180" height="48" /></a></div></div>
<div class="navbar"><div class="w1000"><ul><li><a href="/">首页</a></li><li><a href="/tech/">科技</a></li><li><a href="/tech/">汽车</a></li><li><a href="/tech/">通信</a></li><li><a href="/china/">产业</a></li></ul></div></div>
<div class="w1000">
  <div class="crumbs">当前位置：<a href="/">IT时讯网</a> &gt; <a href="/tech/">科技</a> &gt; <a href="/tech/">汽车</a> &gt; 正文</div>
  <div class="left">
    <div class="title"><h1>{CHARGING_TITLE}</h1></div>
    <div class="info">2022年07月22日 14:20　来源：城市经济报　作者：赵志远　<a href="#comment">我要评论</a></div>
    <div class="bdsharebuttonbox share">分享到：<a href="javascript:;">微信</a> <a href="javascript:;">微博</a> <a href="javascript:;">QQ空间</a> <a href="javascript:;">更多</a></div>
    <div class="content" id="content">
{body_html}
      <div class="pages">本文共1页</div>
    </div>
    <div class="editor">（编辑：钱峰）</div>
    <div class="statement">声明：本文转载自城市经济报，仅代表作者观点，不代表IT时讯网立场。如涉及版权问题，请联系我们处理。</div>
    <div class="tags">标签：<a href="/tech/">新能源汽车</a> <a href="/tech/">充电桩</a></div>
    <div class="related"><h3>相关新闻</h3><ul>
      <li><a href="/tech/2022-07-21/1658390004471.shtml">上半年新能源汽车销量同比增长1.2倍</a></li>
      <li><a href="/tech/2022-07-20/1658301123980.shtml">高速公路服务区充电桩覆盖率进一步提升</a></li>
      <li><a href="{P['en_fiber']}">Riverton council approves citywide fiber network</a></li>
      <li><a href="/tech/2022-07-18/1658129987312.shtml">动力电池回收利用体系加快完善</a></li>
    </ul></div>
  </div>
  <div class="right">
    <div class="hot"><h3>热点新闻</h3><ul>
      <li><a href="{P['museum_modern']}">暑期“文博热”持续升温</a></li>
      <li><a href="{P['xinhua_weather']}">中央气象台：南方高温天气持续</a></li>
      <li><a href="{P['en_wire']}">Asian container freight rates ease</a></li>
      <li><a href="{P['fengyuan_table']}">丰源县部署主汛期防汛工作</a></li>
      <li><a href="{P['tw_ebus']}">台北年底前新增200辆电动巴士</a></li>
    </ul></div>
  </div>
</div>
<div class="footer">
  <p><a href="/about/">关于我们</a> - <a href="/about/">联系我们</a> - <a href="/about/">广告合作</a> - <a href="/about/">网站地图</a></p>
  <p>Copyright &copy; 2008-2022 IT时讯网 All Rights Reserved 版权所有 复制必究</p>
</div>
</body>
</html>
"""
    put(P["charging_gb2312"], page, "gb2312", strict=True)
    article(
        "charging_gb2312", title=CHARGING_TITLE, language="zh-Hans", encoding="gb2312", declared_charset="gb2312",
        published_at="2022-07-22T14:20:00+08:00", authors=["赵志远"],
        body_contains=["部分车主不得不在公共充电站排队充电，有时一等就是一两个小时。",
                       "据运营方介绍，该充电区投入使用两个月以来，日均服务车辆超过40辆次。"],
        body_excludes=["本文共1页", "仅代表作者观点"],
        site_name="IT时讯网", source="城市经济报", editor="钱峰",
        body_paragraphs=CHARGING_BODY, related_count=4, json_ld=False, og=False,
        notes="declares gb2312 via http-equiv only; the server sends bare text/html (no charset)",
    )


# ---------------------------------------------------------------------------
# 8. Hong Kong portal: short two-paragraph story, long 更多新聞 stream.
# ---------------------------------------------------------------------------
HK_TITLE = "天文台發出酷熱天氣警告 市區氣溫高見34度"
HK_BODY = [
    "天文台今日（24日）上午7時15分發出酷熱天氣警告，提醒市民炎熱天氣下應避免長時間在戶外活動，並適量補充水分。受副熱帶高壓脊影響，本港今日大致天晴，酷熱，市區最高氣溫約34度，新界部分地區更高達36度。天文台預料，未來一兩日華南沿岸天氣持續炎熱，下週中期隨着一道低壓槽靠近，廣東沿岸稍後會有驟雨。",
    "衞生署衞生防護中心呼籲市民，在酷熱天氣下應穿着淺色寬鬆及通爽的衣服，盡量留在有冷氣或空氣流通的地方，並留意長者、幼童及長期病患者的健康狀況。勞工處亦提醒僱主，應為戶外工作的僱員安排足夠休息時間，提供清涼飲用水，如僱員出現頭暈、噁心等中暑徵狀，應立即停止工作並盡快求醫。民政事務總署已開放多個臨時避暑中心，供有需要人士使用。",
]


def build_hk() -> None:
    more = [
        ("11:45", "/hk/news/20220724/00176_015.html", "運輸署：青馬大橋今晚部分行車線封閉"),
        ("11:30", P["tw_ebus"], "台北年底前新增200輛電動巴士 市區公車逐步電動化"),
        ("11:12", "/hk/news/20220724/00176_010.html", "天文台：下週中期廣東沿岸有驟雨"),
        ("10:58", P["xinhua_weather"], "中央氣象台：南方高溫天氣持續 北方多地有強降雨"),
        ("10:40", "/hk/news/20220724/00176_008.html", "東鐵綫早上列車服務一度延誤 港鐵致歉"),
        ("10:21", P["tibet_trad"], "蔡奇：以每日清零的標準 防松勁防死角防反彈"),
        ("10:05", "/hk/news/20220724/00176_006.html", "恒指半日升212點 科指跑贏大市"),
        ("09:47", "/hk/news/20220724/00176_005.html", "食環署：上週接獲逾千宗蚊患投訴"),
        ("09:30", P["museum_modern"], "暑期「文博熱」持續升溫 內地多間博物館預約爆滿"),
        ("09:12", "/hk/news/20220724/00176_003.html", "消委會提醒市民選購風扇注意安全標籤"),
        ("08:55", "/hk/news/20220724/00176_002.html", "西九文化區暑期活動周末開鑼"),
    ]
    more_html = "\n".join(f'<li><span class="time">{t}</span><a href="{h}">{esc(x)}</a></li>' for t, h, x in more)
    crumbs_ld = {
        "@context": "https://schema.org", "@type": "BreadcrumbList",
        "itemListElement": [
            {"@type": "ListItem", "position": 1, "name": "首頁", "item": "/"},
            {"@type": "ListItem", "position": 2, "name": "港聞", "item": "/world/"},
        ],
    }
    page = f"""<!DOCTYPE html>
<html lang="zh-HK">
<head>
<meta charset="UTF-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{HK_TITLE} | 港聞網</title>
<meta name="description" content="天文台今日上午發出酷熱天氣警告，市區最高氣溫約34度。">
<meta property="og:type" content="article">
<meta property="og:title" content="{HK_TITLE}">
<meta property="og:site_name" content="港聞網">
<meta property="og:locale" content="zh_HK">
<meta property="article:published_time" content="2022-07-24T11:02:00+08:00">
<meta property="article:section" content="港聞">
<script type="application/ld+json">{json.dumps(crumbs_ld, ensure_ascii=False)}</script>
<link rel="stylesheet" href="/static/css/site.css">
</head>
<body>
<div class="topbar"><div class="container">2022年7月24日 星期日 | <a href="/about/">下載App</a> | <a href="/about/">登入</a> | <a href="/world/">English</a></div></div>
<nav class="navbar"><div class="container"><ul>
<li><a href="/">首頁</a></li><li><a href="/world/">港聞</a></li><li><a href="/china/">兩岸</a></li><li><a href="/world/">國際</a></li><li><a href="/tech/">科技</a></li><li><a href="/tech/">財經</a></li><li><a href="/about/">關於我們</a></li>
</ul></div></nav>
<div class="container">
<div class="breadcrumbs"><a href="/">首頁</a> › <a href="/world/">港聞</a> › 即時新聞</div>
<div class="content-main">
<h1>{HK_TITLE}</h1>
<div class="meta"><span class="date">2022年7月24日 星期日 11:02</span> <span class="cat">港聞</span> <span class="fontsize">字體 <a href="javascript:doZoom(18)">大</a> <a href="javascript:doZoom(16)">中</a> <a href="javascript:doZoom(14)">小</a></span></div>
<div class="share-bar">分享：<a href="javascript:;">WhatsApp</a> <a href="javascript:;">Facebook</a> <a href="javascript:;">微信</a> <a href="javascript:;">複製連結</a></div>
<div class="article-body">
{paras_html(HK_BODY)}
</div>
<div class="copyright-notice">版權所有 © 港聞網。未經授權，不得轉載、複製或以任何形式使用本網內容。</div>
<div class="more-news">
<h3>更多新聞</h3>
<ul class="news-list">
{more_html}
</ul>
<p><a href="/world/">載入更多 More stories</a></p>
</div>
</div>
<aside class="sidebar">
<h3>熱門</h3>
<ol>
<li><a href="{P['tw_ebus']}">北市公車電動化再加速</a></li>
<li><a href="{P['museum_modern']}">內地暑期「文博熱」</a></li>
<li><a href="{P['en_wire']}">Asian container freight rates ease</a></li>
<li><a href="/hk/news/20220724/00176_006.html">恒指半日升212點</a></li>
</ol>
<div class="ad"><img src="/static/img/ad-300x250.png" alt="廣告" width="300" height="250"></div>
</aside>
</div>
<footer class="page-footer">
<p><a href="/about/">關於我們</a> | <a href="/about/">私隱政策</a> | <a href="/about/">免責聲明</a> | <a href="/about/">聯絡我們</a></p>
<p>Copyright © 2022 港聞網 HK News Network Limited. All rights reserved. 版權所有，不得轉載。</p>
</footer>
</body>
</html>
"""
    put(P["hk_heat"], page, "utf-8", strict=True)
    article(
        "hk_heat", title=HK_TITLE, language="zh-Hant", encoding="utf-8", declared_charset="utf-8",
        published_at="2022-07-24T11:02:00+08:00", authors=[],
        body_contains=["天文台今日（24日）上午7時15分發出酷熱天氣警告",
                       "民政事務總署已開放多個臨時避暑中心，供有需要人士使用。"],
        body_excludes=["更多新聞", "運輸署：青馬大橋今晚部分行車線封閉"],
        site_name="港聞網", section="港聞", body_paragraphs=HK_BODY,
        copyright="版權所有 © 港聞網。未經授權，不得轉載、複製或以任何形式使用本網內容。",
        related_count=None, json_ld=False, og=True,
        notes="short 2-paragraph story followed by an 11-link 更多新聞 stream (with times) that is longer "
              "than the story; JSON-LD is a BreadcrumbList, not a NewsArticle; no author",
    )


# ---------------------------------------------------------------------------
# 9. An old Taiwan regional site, Big5 bytes, charset=big5 declared; one name
#    character (堃) is not in Big5 and is written as &#22531;.
# ---------------------------------------------------------------------------
BIG5_TITLE = "中南部豪雨特報 農委會籲農友做好防災準備"
BIG5_BYLINE = "〔記者黃志明／嘉義報導〕"
BIG5_BODY = [
    BIG5_BYLINE + "中央氣象局今天（23日）下午針對中南部地區發布豪雨特報，受西南氣流及午後熱力對流影響，嘉義縣、台南市、高雄市及屏東縣山區今晚至明天可能出現局部大雨或豪雨，並伴隨雷擊及強陣風。氣象局提醒，短時間內的強降雨容易引發山區坍方、落石及低窪地區積淹水，民眾應避免前往山區及河川活動。",
    "農委會表示，目前正值文旦、芒果、鳳梨等水果的採收期，也是一期稻作收割後整地的關鍵時期，呼籲農友密切注意氣象資訊，及早採收已成熟的農作物，並加強田間排水，檢查溫網室設施是否穩固。對於種植在低窪地區的蔬菜，則應提前搶收或做好覆蓋保護，以減少豪雨可能造成的損失。",
    "嘉義縣政府農業處長陳堃明指出，縣內已通報各鄉鎮公所及農會加強巡查，並啟動農業災害應變機制，一旦發生災損，將協助農民儘速申報現金救助。他也提醒，農友在大雨期間切勿冒險前往田間巡視，務必以自身安全為優先，待雨勢減弱、確認安全後再進行災後復耕工作。",
]


def build_big5() -> None:
    body_html = "\n".join(f"<p>{esc(p, quote=False)}</p>" for p in BIG5_BODY)
    page = f"""<html>
<head>
<meta http-equiv="Content-Type" content="text/html; charset=big5">
<title>{BIG5_TITLE}-南台新聞網</title>
<meta name="keywords" content="豪雨特報,農委會,嘉義,防災">
<meta name="description" content="中央氣象局針對中南部地區發布豪雨特報，農委會呼籲農友做好防災準備。">
<link rel="stylesheet" href="/static/css/site.css">
</head>
<body bgcolor="#ffffff">
<table width="960" align="center" border="0" cellpadding="0" cellspacing="0">
<tr><td><a href="/"><img src="/static/img/logo.png" border="0" width="180" height="48" alt="南台新聞網"></a></td>
<td align="right"><font size="2"><a href="/">回首頁</a>｜<a href="/about/">關於我們</a>｜<a href="/about/">廣告刊登</a>｜<a href="/world/">English</a></font></td></tr>
<tr><td colspan="2" bgcolor="#2a6a2a" class="nav"><font color="#ffffff" size="2">
 <a href="/"><font color="#ffffff">首頁</font></a>　<a href="/china/"><font color="#ffffff">地方</font></a>　<a href="/world/"><font color="#ffffff">國際</font></a>　<a href="/tech/"><font color="#ffffff">科技</font></a>　<a href="/china/index_2.html"><font color="#ffffff">生活</font></a>
</font></td></tr>
</table>
<table width="960" align="center" border="0" cellpadding="6" cellspacing="0">
<tr><td valign="top" width="680">
<div class="crumbs"><font size="2">目前位置：<a href="/">首頁</a> &gt; <a href="/china/">地方新聞</a> &gt; 嘉義</font></div>
<h1>{BIG5_TITLE}</h1>
<div class="info"><font size="2" color="#777777">2022/07/23 16:40　南台新聞網　<a href="javascript:window.print()">列印</a>　<a href="javascript:;">轉寄</a>　字級：<a href="javascript:doZoom(18)">大</a> <a href="javascript:doZoom(16)">中</a> <a href="javascript:doZoom(14)">小</a></font></div>
<div class="share"><font size="2">分享：<a href="javascript:;">Facebook</a> <a href="javascript:;">LINE</a> <a href="javascript:;">Plurk</a></font></div>
<div id="newstext" class="content">
{body_html}
</div>
<div class="statement"><font size="2" color="#777777">本網站之文字、圖片及影音，非經授權，不得轉載、公開播送或公開傳輸及利用。</font></div>
<div class="related"><font size="2"><b>相關新聞</b><br>
．<a href="/big5/news/2022-07-22/4987.htm">西南氣流發威 嘉南地區累積雨量逾300毫米</a><br>
．<a href="/big5/news/2022-07-21/4961.htm">文旦提早採收 農會協助媒合通路</a><br>
．<a href="{P['tw_ebus']}">北市公車電動化再加速 年底前新增200輛電動巴士</a><br>
</font></div>
</td>
<td valign="top" width="260">
<div class="hot"><font size="2"><b>熱門新聞</b><br>
1. <a href="{P['tw_ebus']}">北市公車電動化再加速</a><br>
2. <a href="{P['hk_heat']}">香港天文台發出酷熱天氣警告</a><br>
3. <a href="/big5/news/2022-07-22/4987.htm">嘉南地區累積雨量逾300毫米</a><br>
4. <a href="/big5/news/2022-07-20/4930.htm">阿里山公路明起夜間管制</a><br>
</font></div>
</td></tr>
</table>
<table width="960" align="center" border="0" cellpadding="8" cellspacing="0" bgcolor="#eeeeee">
<tr><td align="center"><font size="2" color="#666666">南台新聞網 版權所有 Copyright &copy; 2022 All Rights Reserved.<br>地址：嘉義市西區民族路000號　電話：(05)000-0000</font></td></tr>
</table>
</body>
</html>
"""
    put(P["big5_rain"], page, "big5")
    assert b"&#22531;" in OUT[P["big5_rain"]] and OUT[P["big5_rain"]].count(b"&#") == 1
    OUT[P["big5_rain"]].decode("big5")  # must be clean Big5
    article(
        "big5_rain", title=BIG5_TITLE, language="zh-Hant", encoding="big5", declared_charset="big5",
        published_at="2022-07-23T16:40:00+08:00", authors=["黃志明"],
        body_contains=["目前正值文旦、芒果、鳳梨等水果的採收期",
                       "嘉義縣政府農業處長陳堃明指出，縣內已通報各鄉鎮公所及農會加強巡查"],
        body_excludes=["非經授權，不得轉載", "西南氣流發威 嘉南地區累積雨量逾300毫米"],
        site_name="南台新聞網", byline=BIG5_BYLINE, body_paragraphs=BIG5_BODY,
        related_count=3, json_ld=False, og=False,
        notes="Big5 bytes; 堃 (not in Big5) is the numeric entity &#22531;; byline 〔記者…／嘉義報導〕 opens "
              "the first paragraph; no HTML5 doctype; reachable only via sitemap-pages.xml.gz",
    )


# ---------------------------------------------------------------------------
# 10. A Taiwan-style modern news page (UTF-8, JSON-LD, 延伸閱讀 + 推薦閱讀).
# ---------------------------------------------------------------------------
TW_TITLE = "北市公車電動化再加速 年底前新增200輛電動巴士"
TW_BODY = [
    "為推動淨零碳排目標，台北市政府交通局今天表示，今年底前將再新增200輛電動公車投入營運，屆時全市電動公車總數將突破600輛，約占市區公車總數的百分之十七。交通局指出，新車將優先配置於行經市中心、學校及醫院周邊的路線，讓更多市民在日常通勤中就能感受到低噪音、零排放的乘車環境。",
    "交通局官員說明，電動公車推廣的最大挑戰在於充電場站的建置。目前市府已協調客運業者，在內湖、南港及北投等地新設及擴建4處公車充電站，並與電力公司合作進行饋線升級，確保夜間集中充電時供電穩定。此外，市府也針對駕駛員開設電動公車操作與節能駕駛訓練課程，截至目前已有超過1500名駕駛完成受訓。",
    "不過，也有客運業者反映，電動公車購置成本約為柴油公車的兩倍，電池更換與維修費用也相對較高，希望中央與地方政府能延續購車補助，並研議合理的營運成本補貼機制。對此，交通局表示，將持續向中央爭取經費，並檢討票價與補貼制度，在兼顧業者經營與乘客權益的前提下，逐步達成2030年市區公車全面電動化的目標。",
]


def build_tw() -> None:
    ld: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "mainEntityOfPage": {"@type": "WebPage", "@id": P["tw_ebus"]},
        "headline": TW_TITLE,
        "datePublished": "2022-07-22T18:35:00+08:00",
        "dateModified": "2022-07-22T18:35:00+08:00",
        "author": {"@type": "Person", "name": "林怡君"},
        "publisher": {"@type": "Organization", "name": "台灣新聞雲",
                      "logo": {"@type": "ImageObject", "url": "/static/img/logo.png"}},
        "image": {"@type": "ImageObject", "url": "/static/img/2022/0722/ebus.png"},
        "keywords": ["電動公車", "交通局", "淨零碳排"],
    }
    body_html = "\n".join(f"<p>{esc(p, quote=False)}</p>" for p in TW_BODY[:2])
    page = f"""<!DOCTYPE html>
<html lang="zh-Hant-TW">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{TW_TITLE} | 生活 | 台灣新聞雲</title>
<meta name="description" content="台北市政府交通局表示，今年底前將再新增200輛電動公車投入營運。">
<meta name="news_keywords" content="電動公車,交通局,淨零碳排">
<meta property="og:type" content="article">
<meta property="og:title" content="{TW_TITLE} | 台灣新聞雲">
<meta property="og:description" content="台北市政府交通局表示，今年底前將再新增200輛電動公車投入營運。">
<meta property="og:image" content="/static/img/2022/0722/ebus.png">
<meta property="og:site_name" content="台灣新聞雲">
<meta property="article:published_time" content="2022-07-22T18:35:00+08:00">
<meta property="article:author" content="林怡君">
<meta property="article:tag" content="電動公車">
<meta property="article:tag" content="交通局">
<link rel="canonical" href="{P['tw_ebus']}">
<script type="application/ld+json">
{json.dumps(ld, ensure_ascii=False, indent=2)}
</script>
<link rel="stylesheet" href="/static/css/site.css">
</head>
<body>
<header class="site-header"><div class="container">
<a href="/" class="logo"><img src="/static/img/logo.png" alt="台灣新聞雲" width="180" height="48"></a>
<nav class="main-nav"><ul><li><a href="/">首頁</a></li><li><a href="/china/">即時</a></li><li><a href="/china/index_2.html">生活</a></li><li><a href="/world/">國際</a></li><li><a href="/tech/">科技</a></li><li><a href="/about/">關於我們</a></li></ul></nav>
</div></header>
<main class="container">
<nav class="breadcrumb"><a href="/">首頁</a> / <a href="/china/index_2.html">生活</a> / <a href="/china/index_2.html">交通</a></nav>
<div class="main-col">
<section class="article-content">
<h1 class="article-content__title">{TW_TITLE}</h1>
<div class="article-content__info article-meta">
<span class="article-content__author">記者林怡君／台北即時報導</span>
<time class="article-content__time" datetime="2022-07-22T18:35:00+08:00">2022-07-22 18:35</time>
</div>
<div class="share-bar">分享：<a href="javascript:;">Facebook</a> <a href="javascript:;">LINE</a> <a href="javascript:;">複製連結</a> <a href="javascript:window.print()">列印</a> 字級 <a href="javascript:doZoom(18)">大</a> <a href="javascript:doZoom(16)">中</a> <a href="javascript:doZoom(14)">小</a></div>
<section class="article-content__editor">
<figure class="photo"><img src="/static/img/2022/0722/ebus.png" alt="台北市新款電動公車" width="640" height="400"><figcaption>台北市新款電動公車今年底前陸續上路。圖／台北市交通局提供</figcaption></figure>
{body_html}
<p><strong>延伸閱讀</strong></p>
<ul class="inline-more">
<li><a href="/tw/news/2022/07/21/6479001.html">新北捷運環狀線週末增班 因應暑假人潮</a></li>
<li><a href="/tw/news/2022/07/20/6476412.html">電動機車補助加碼 換購最高補貼1萬元</a></li>
</ul>
<p>{esc(TW_BODY[2], quote=False)}</p>
</section>
<div class="article-content__tags">標籤：<a href="/tech/">電動公車</a> <a href="/tech/">交通局</a> <a href="/tech/">淨零碳排</a></div>
<div class="article-content__copyright copyright-notice">本新聞文字、照片、影片專供台灣新聞雲會員閱覽，未經授權，禁止轉載。</div>
</section>
<section class="related"><h3>推薦閱讀</h3><ul class="news-list">
<li><a href="{P['hk_heat']}">香港天文台發出酷熱天氣警告 市區氣溫高見34度</a></li>
<li><a href="/tw/news/2022/07/22/6480877.html">北捷文湖線傍晚號誌異常 一度延誤10分鐘</a></li>
<li><a href="{P['charging_gb2312']}">大陸多地加快小區充電設施建設</a></li>
</ul></section>
</div>
<aside class="side sidebar">
<h3>熱門新聞</h3>
<ol>
<li><a href="{P['hk_heat']}">香港發出酷熱天氣警告</a></li>
<li><a href="/tw/news/2022/07/22/6480877.html">北捷文湖線號誌異常</a></li>
<li><a href="{P['tibet_trad']}">蔡奇：以每日清零的標準 防松勁防死角防反彈</a></li>
<li><a href="{P['en_fiber']}">Riverton approves fiber network</a></li>
</ol>
</aside>
</main>
<footer class="site-footer"><p><a href="/about/">關於我們</a> | <a href="/about/">服務條款</a> | <a href="/about/">隱私權政策</a></p><p>Copyright © 2022 台灣新聞雲 All Rights Reserved.</p></footer>
</body>
</html>
"""
    put(P["tw_ebus"], page, "utf-8", strict=True)
    article(
        "tw_ebus", title=TW_TITLE, language="zh-Hant", encoding="utf-8", declared_charset="utf-8",
        published_at="2022-07-22T18:35:00+08:00", authors=["林怡君"],
        body_contains=["今年底前將再新增200輛電動公車投入營運",
                       "逐步達成2030年市區公車全面電動化的目標。"],
        body_excludes=["延伸閱讀", "新北捷運環狀線週末增班 因應暑假人潮"],
        site_name="台灣新聞雲", byline="記者林怡君／台北即時報導", section="生活",
        tags=["電動公車", "交通局", "淨零碳排"], body_paragraphs=TW_BODY,
        images=[{"path": "/static/img/2022/0722/ebus.png", "caption": "台北市新款電動公車今年底前陸續上路。圖／台北市交通局提供"}],
        copyright="本新聞文字、照片、影片專供台灣新聞雲會員閱覽，未經授權，禁止轉載。",
        related_count=None, json_ld=True, og=True, canonical=P["tw_ebus"],
        notes="Taiwan style (記者…／台北即時報導); a 延伸閱讀 list sits INSIDE the body container between "
              "paragraphs 2 and 3; 推薦閱讀 after; server sends charset=utf-8",
    )


# ---------------------------------------------------------------------------
# English pages
# ---------------------------------------------------------------------------
WIRE_TITLE = "Asian container freight rates ease as port congestion clears"
WIRE_BODY = [
    "SINGAPORE, July 24 (Reuters) - Spot rates for shipping containers on major routes out of Asia fell for a seventh straight week, freight analysts said on Sunday, as congestion at key ports in China and Southeast Asia eased and demand from retailers in Europe and the United States softened.",
    "The cost of moving a 40-foot container from Shanghai to Rotterdam dropped 4% from the previous week to about $9,800, according to industry estimates, while rates to the U.S. West Coast slipped below $7,000 for the first time since early 2021. Rates remain well above pre-pandemic levels, however.",
    "\u201cThe market has clearly turned,\u201d said a Singapore-based analyst at a maritime consultancy, who asked not to be named because he was not authorised to speak to the media. \u201cImporters front-loaded their orders earlier in the year, warehouses are full, and carriers are now competing for cargo again.\u201d",
    "Shipping lines have started to cancel some sailings on trans-Pacific routes to support prices, a practice known as blank sailing. Port operators in Singapore and Busan said vessel waiting times had fallen to between one and two days, compared with as many as five days in May.",
    "Analysts cautioned that labour talks at U.S. West Coast ports and the approaching typhoon season in East Asia could still disrupt schedules in the coming weeks, and that any rebound in consumer spending ahead of the year-end holidays would quickly tighten capacity again.",
]


def en_header(site: str, nav_extra: str = "") -> str:
    return f"""<header class="site-header"><div class="container">
<a class="logo" href="/"><img src="/static/img/logo.png" alt="{site}" width="180" height="48"></a>
<nav class="main-nav" aria-label="Main"><ul>
<li><a href="/">Home</a></li><li><a href="/world/">World</a></li><li><a href="/world/">Business</a></li><li><a href="/tech/">Technology</a></li>{nav_extra}<li><a href="/about/">About</a></li>
</ul></nav>
<div class="header-tools"><a href="/about/">Sign in</a> <a href="/about/">Subscribe</a> <form action="/search"><input name="q" placeholder="Search"></form></div>
</div></header>"""


def build_wire() -> None:
    body_html = "\n".join(f'<p class="text__paragraph" data-testid="paragraph-{i}">{esc(p, quote=False)}</p>'
                          for i, p in enumerate(WIRE_BODY))
    page = f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{WIRE_TITLE} | Reuters</title>
<meta name="description" content="Spot rates for shipping containers on major routes out of Asia fell for a seventh straight week as congestion at key ports eased.">
<meta name="author" content="Jane Doe">
<meta property="og:type" content="article">
<meta property="og:title" content="{WIRE_TITLE}">
<meta property="og:site_name" content="Reuters">
<meta property="og:description" content="Spot rates for shipping containers out of Asia fell for a seventh straight week.">
<meta property="article:published_time" content="2022-07-24T03:12:00Z">
<meta property="article:modified_time" content="2022-07-24T05:40:00Z">
<meta property="article:section" content="Business">
<meta name="twitter:card" content="summary_large_image">
<link rel="stylesheet" href="/static/css/site.css">
</head>
<body>
{en_header("Reuters", '<li><a href="/world/">Markets</a></li>')}
<main class="container">
<nav class="breadcrumbs" aria-label="Breadcrumb"><a href="/">Home</a> &rsaquo; <a href="/world/">Business</a> &rsaquo; <a href="/world/">Autos &amp; Transportation</a></nav>
<div class="main-col">
<article class="article">
<header>
<h1 data-testid="Heading">{WIRE_TITLE}</h1>
<div class="article-meta">
<p class="article-byline">By <a href="/world/" rel="author">Jane Doe</a> | Reuters</p>
<time datetime="2022-07-24T03:12:00Z">July 24, 2022 3:12 AM UTC</time> <span class="updated">Updated 2 hours ago</span>
</div>
<div class="share-bar">Share: <a href="javascript:;">Facebook</a> <a href="javascript:;">Twitter</a> <a href="mailto:?subject=Asian%20container%20freight%20rates%20ease">Email</a> <a href="javascript:;">LinkedIn</a> <a href="javascript:window.print()">Print</a></div>
<figure><img src="/static/img/2022/0722/fiber.png" alt="Containers at a port" width="640" height="400"><figcaption>Containers are stacked at a port terminal in Singapore, June 2, 2022. REUTERS/Staff/File Photo</figcaption></figure>
</header>
<div class="article-body" data-testid="ArticleBody">
{body_html}
<p class="sign-off">Reporting by Jane Doe; Editing by Richard Lowe</p>
</div>
<p class="trust">Our Standards: <a href="/about/">The Thomson Reuters Trust Principles.</a></p>
</article>
<section class="related"><h3>Read more</h3><ul>
<li><a href="{P['en_coffee']}">Coffee chains raise prices again as bean and milk costs climb</a></li>
<li><a href="{P['en_fiber']}">Riverton council approves $48 million citywide fiber network</a></li>
<li><a href="/world/2022/07/23/oil-prices-weekly-loss.html">Oil heads for weekly loss on demand worries</a></li>
<li><a href="/world/2022/07/22/china-exports-june.html">China's export growth beats forecasts as factories reopen</a></li>
</ul></section>
</div>
<aside class="sidebar">
<h3>Most read</h3>
<ol>
<li><a href="/world/2022/07/23/oil-prices-weekly-loss.html">Oil heads for weekly loss on demand worries</a></li>
<li><a href="{P['en_coffee']}">Coffee chains raise prices again</a></li>
<li><a href="{P['hk_heat']}">Hong Kong issues very hot weather warning</a></li>
<li><a href="/world/2022/07/22/china-exports-june.html">China's export growth beats forecasts</a></li>
</ol>
<div class="ad"><img src="/static/img/ad-300x250.png" alt="Advertisement" width="300" height="250"></div>
</aside>
</main>
<footer class="site-footer">
<p><a href="/about/">About Us</a> · <a href="/about/">Careers</a> · <a href="/about/">Terms of Use</a> · <a href="/about/">Privacy</a></p>
<p>All quotes delayed a minimum of 15 minutes.</p>
<p>Copyright © 2022 Reuters. All rights reserved.</p>
</footer>
</body>
</html>
"""
    put(P["en_wire"], page, "utf-8", strict=True)
    article(
        "en_wire", title=WIRE_TITLE, language="en", encoding="utf-8", declared_charset="utf-8",
        published_at="2022-07-24T03:12:00+00:00", modified_at="2022-07-24T05:40:00+00:00",
        authors=["Jane Doe"],
        body_contains=["rates to the U.S. West Coast slipped below $7,000 for the first time since early 2021.",
                       "a practice known as blank sailing."],
        body_excludes=["Our Standards", "Oil heads for weekly loss on demand worries"],
        site_name="Reuters", section="Business", byline="By Jane Doe | Reuters", editor="Richard Lowe",
        body_paragraphs=WIRE_BODY, related_count=4, json_ld=False, og=True,
        notes="wire dateline 'SINGAPORE, July 24 (Reuters) -' opens the body; sign-off line 'Reporting by …; "
              "Editing by …' inside the body container; server sends charset=utf-8",
    )


COFFEE_TITLE = "Coffee chains raise prices again as bean and milk costs climb"
COFFEE_BODY = [
    "Several of the country's largest coffee chains are raising menu prices for the second time this year, blaming a sharp rise in the cost of green coffee beans, dairy and paper cups, as well as higher wages for baristas in a tight labor market.",
    "Brewline, which operates more than 1,200 cafes, said on Friday that the price of a standard latte would rise by 20 cents from August 1, while smaller rival Daybreak Roasters told customers in an email that most drinks would cost between 10 and 30 cents more. Both companies said the increases were needed to protect margins after months of absorbing higher costs.",
    "Arabica coffee futures have climbed roughly 40% over the past year after frost and drought hurt harvests in Brazil, the world's biggest producer, while shipping delays have added to the cost of importing beans. Milk prices paid by food service companies are also up by double digits, according to industry data.",
    "Analysts say customers have so far tolerated the increases. \u201cA daily coffee is one of the last affordable treats, and people are reluctant to give it up,\u201d said Laura Chen, a consumer analyst at a Chicago research firm. \u201cBut if prices keep moving up every few months, we could see more people switching to brewing at home.\u201d",
    "Some chains are trying to soften the blow with loyalty discounts and cheaper drip coffee options. Brewline said members of its rewards program would continue to receive a free drink after every ten purchases, and that it had no plans to shrink cup sizes.",
]


def build_coffee() -> None:
    body_html = "\n".join(f"<p>{esc(p, quote=False)}</p>" for p in COFFEE_BODY)
    page = f"""<!DOCTYPE html>
<html lang="en-US">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{COFFEE_TITLE} - The Daily Ledger</title>
<meta name="description" content="Brewline and Daybreak Roasters blame higher costs for beans, dairy, cups and wages.">
<meta property="og:type" content="article">
<meta property="og:title" content="{COFFEE_TITLE}">
<meta property="og:site_name" content="The Daily Ledger">
<meta property="article:published_time" content="2022-07-23T14:05:00-04:00">
<meta property="article:modified_time" content="2022-07-23T16:40:00-04:00">
<meta property="article:section" content="Business">
<meta property="article:tag" content="Food and drink">
<meta property="article:tag" content="Inflation">
<link rel="stylesheet" href="/static/css/site.css">
</head>
<body class="single-story">
{en_header("The Daily Ledger")}
<div class="container">
<nav class="breadcrumb"><a href="/">The Daily Ledger</a> / <a href="/world/">Business</a> / Retail</nav>
<div class="main-col">
<article id="story">
<h1 class="headline">{COFFEE_TITLE}</h1>
<p class="dek">Brewline and Daybreak Roasters blame higher costs for beans, dairy, cups and wages</p>
<div class="meta">
<span class="author">By <a href="/world/">Tom Harris</a>, Business Reporter</span>
<span class="dates">Published July 23, 2022 at 2:05 p.m. EDT | Updated July 23, 2022 at 4:40 p.m. EDT</span>
</div>
<div class="share-bar">Share: <a href="javascript:;">Facebook</a> <a href="javascript:;">Twitter</a> <a href="javascript:;">Email</a> <a href="javascript:;">Gift this article</a></div>
<div class="article-body">
{body_html}
</div>
<p class="editor">Editor: Susan Blake</p>
<section class="related"><h3>Related</h3><ul>
<li><a href="{P['en_wire']}">Asian container freight rates ease as port congestion clears</a></li>
<li><a href="/business/2022/07/21/grocery-inflation-eases.html">Grocery inflation eases slightly in June</a></li>
<li><a href="/business/2022/07/20/dairy-farmers-feed-costs.html">Dairy farmers squeezed by feed and fuel costs</a></li>
</ul></section>
</article>
<section class="more-news"><h3>More from Business</h3><ul class="news-list">
<li><a href="/business/2022/07/23/airline-summer-demand.html">Airlines add flights as summer demand holds up</a> <span class="summary">Carriers say bookings remain strong despite higher fares.</span></li>
<li><a href="/business/2022/07/22/housing-starts-fall.html">Housing starts fall for a second month</a> <span class="summary">Builders cite rising mortgage rates.</span></li>
<li><a href="{P['en_fiber']}">Riverton council approves $48 million citywide fiber network</a> <span class="summary">The city will build its own network.</span></li>
<li><a href="/business/2022/07/22/used-car-prices.html">Used-car prices show first signs of cooling</a> <span class="summary">Dealers report longer sales times.</span></li>
</ul></section>
</div>
<aside class="sidebar"><h3>Most read</h3><ol>
<li><a href="/business/2022/07/22/housing-starts-fall.html">Housing starts fall for a second month</a></li>
<li><a href="{P['en_wire']}">Asian container freight rates ease</a></li>
<li><a href="/business/2022/07/23/airline-summer-demand.html">Airlines add flights as summer demand holds up</a></li>
</ol>
<div class="newsletter"><p>Get the Morning Ledger in your inbox.</p><form action="/about/"><input name="email" placeholder="Email address"><button>Sign up</button></form></div>
</aside>
</div>
<footer class="site-footer">
<p><a href="/about/">Contact</a> · <a href="/about/">Advertise</a> · <a href="/about/">Terms of Service</a> · <a href="/about/">Privacy Policy</a></p>
<p>Copyright © 2022 The Daily Ledger Media Group. All rights reserved.</p>
</footer>
</body>
</html>
"""
    put(P["en_coffee"], page, "utf-8", strict=True)
    article(
        "en_coffee", title=COFFEE_TITLE, language="en", encoding="utf-8", declared_charset="utf-8",
        published_at="2022-07-23T14:05:00-04:00", modified_at="2022-07-23T16:40:00-04:00",
        authors=["Tom Harris"],
        body_contains=["Arabica coffee futures have climbed roughly 40% over the past year",
                       "and that it had no plans to shrink cup sizes."],
        body_excludes=["More from Business", "Editor: Susan Blake"],
        site_name="The Daily Ledger", section="Business", editor="Susan Blake",
        subtitle="Brewline and Daybreak Roasters blame higher costs for beans, dairy, cups and wages",
        tags=["Food and drink", "Inflation"], body_paragraphs=COFFEE_BODY, related_count=3,
        json_ld=False, og=True,
        notes="two lists after the body: 'Related' (3, inside <article>) and 'More from Business' (4, with teasers); "
              "byline 'By Tom Harris, Business Reporter'",
    )


FIBER_TITLE = "Riverton council approves $48 million citywide fiber network"
FIBER_BODY = [
    "The Riverton City Council voted 7-2 on Thursday night to build a municipal fiber-optic network that would bring high-speed internet to every home and business in the city within four years, ending months of debate over whether the city should compete with private providers.",
    "The $48 million project will be financed through revenue bonds and paid back by subscriber fees, according to a plan prepared by the city's utilities department. Officials said residents would be offered gigabit service for about $65 a month, with a discounted tier for low-income households.",
    "Supporters packed the council chamber, many of them describing unreliable connections and high bills. \u201cMy kids did a year of school over a connection that dropped every afternoon,\u201d said Angela Moore, who lives on the city's east side. \u201cThis is basic infrastructure now, like water and roads.\u201d",
    "Opponents on the council warned that the city was taking on too much financial risk. Council member Greg Whitfield said take-up rates could fall short of projections if private companies cut their prices in response, leaving taxpayers to cover the gap. The city's finance director said the plan assumed 38% of households would sign up by the fifth year.",
    "Construction is expected to begin next spring in the neighborhoods with the fewest existing options, starting with the Northgate and Mill Creek areas. The utilities department said it would hold public meetings in August to explain the rollout schedule.",
]


def build_fiber() -> None:
    ld: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": FIBER_TITLE,
        "description": "The city will finance the network with revenue bonds and offer gigabit service for about $65 a month.",
        "datePublished": "2022-07-22T09:30:00-07:00",
        "dateModified": "2022-07-22T11:05:00-07:00",
        "author": [
            {"@type": "Person", "name": "Priya Raman", "url": "/tech/"},
            {"@type": "Person", "name": "Daniel Ortiz", "url": "/tech/"},
        ],
        "publisher": {"@type": "Organization", "name": "Example News",
                      "logo": {"@type": "ImageObject", "url": "/static/img/logo.png"}},
        "image": ["/static/img/2022/0722/fiber.png"],
        "articleSection": "Technology",
        "keywords": "broadband, fiber, Riverton, city council",
        "inLanguage": "en-US",
        "articleBody": "\n\n".join(FIBER_BODY),
        "mainEntityOfPage": {"@type": "WebPage", "@id": P["en_fiber"]},
    }
    body_html = "\n".join(f"<p>{esc(p, quote=False)}</p>" for p in FIBER_BODY)
    page = f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{esc(FIBER_TITLE)} | Example News</title>
<meta name="description" content="{esc(ld['description'])}">
<meta property="og:type" content="article">
<meta property="og:title" content="{esc(FIBER_TITLE)}">
<meta property="og:site_name" content="Example News">
<meta property="og:image" content="/static/img/2022/0722/fiber.png">
<link rel="canonical" href="{P['en_fiber']}">
<script type="application/ld+json">
{json.dumps(ld, ensure_ascii=False, indent=2)}
</script>
<link rel="stylesheet" href="/static/css/site.css">
</head>
<body>
{en_header("Example News", '<li><a href="/tech/">Local</a></li>')}
<main class="container">
<nav class="breadcrumbs"><a href="/">Home</a> &gt; <a href="/tech/">Technology</a> &gt; <span>Broadband</span></nav>
<div class="main-col">
<article>
<h1>{esc(FIBER_TITLE)}</h1>
<div class="article-meta">
<span class="byline">By <a href="/tech/">Priya Raman</a> and <a href="/tech/">Daniel Ortiz</a></span>
<time datetime="2022-07-22T09:30:00-07:00">July 22, 2022 9:30 AM PDT</time>
<span class="updated">Updated: July 22, 2022 11:05 AM PDT</span>
</div>
<div class="share-bar">Share: <a href="https://www.facebook.com/sharer/sharer.php?u=">Facebook</a> <a href="https://twitter.com/intent/tweet?text=">Twitter</a> <a href="mailto:?subject=Riverton%20fiber">Email</a></div>
<figure><img src="/static/img/2022/0722/fiber.png" alt="Fiber cable spools" width="640" height="400"><figcaption>Spools of fiber-optic cable at a city utilities yard. (Example News photo)</figcaption></figure>
<div class="article-body">
{body_html}
</div>
<div class="newsletter-inline">Sign up for our Morning Briefing newsletter to get the day's top stories.</div>
<p class="editor">Editor: Mark Feldman</p>
</article>
<section class="more-news"><h3>More stories</h3><ul>
<li><a href="{P['en_wire']}">Asian container freight rates ease as port congestion clears</a></li>
<li><a href="{P['en_coffee']}">Coffee chains raise prices again as bean and milk costs climb</a></li>
<li><a href="/tech/2022/07/21/school-laptops-program.html">School district expands laptop program to all grades</a></li>
<li><a href="/tech/2022/07/20/transit-app-launch.html">Transit agency launches real-time bus tracking app</a></li>
</ul></section>
</div>
<aside class="sidebar"><h3>Most read</h3><ol>
<li><a href="/tech/2022/07/20/transit-app-launch.html">Transit agency launches real-time bus tracking app</a></li>
<li><a href="{P['en_coffee']}">Coffee chains raise prices again</a></li>
<li><a href="{P['charging_gb2312']}">China pushes EV chargers into residential compounds</a></li>
</ol></aside>
</main>
<footer class="site-footer"><p><a href="/about/">About</a> | <a href="/about/">Contact</a> | <a href="/about/">Privacy</a></p><p>Copyright © 2022 Example News. All Rights Reserved.</p></footer>
</body>
</html>
"""
    put(P["en_fiber"], page, "utf-8", strict=True)
    article(
        "en_fiber", title=FIBER_TITLE, language="en", encoding="utf-8", declared_charset="utf-8",
        published_at="2022-07-22T09:30:00-07:00", modified_at="2022-07-22T11:05:00-07:00",
        authors=["Priya Raman", "Daniel Ortiz"],
        body_contains=["The Riverton City Council voted 7-2 on Thursday night",
                       "the plan assumed 38% of households would sign up by the fifth year."],
        body_excludes=["Sign up for our Morning Briefing", "School district expands laptop program"],
        site_name="Example News", section="Technology", editor="Mark Feldman",
        tags=["broadband", "fiber", "Riverton", "city council"], body_paragraphs=FIBER_BODY,
        images=[{"path": "/static/img/2022/0722/fiber.png", "caption": "Spools of fiber-optic cable at a city utilities yard. (Example News photo)"}],
        related_count=4, json_ld=True, og=True, canonical=P["en_fiber"],
        notes="JSON-LD NewsArticle with author[], datePublished, dateModified and articleBody",
    )


BLOG_TITLE = "Riverside library reopens after two-year renovation"
BLOG_BODY = [
    "After more than two years behind scaffolding, the Riverside branch library on Mill Lane opened its doors again on Thursday morning, and by half past nine there was already a queue of parents, pensioners and a few very excited children waiting on the steps.",
    "The renovation, which ran well over its original schedule, has replaced the leaking roof, added a lift to the first floor and turned the old storage rooms into a bright study space with forty desks and plenty of power sockets. The children's section has moved downstairs and now opens directly onto a small garden.",
    "Branch manager Helen Crossley said the delays had been frustrating for everyone. \u201cWe found far more damage in the roof timbers than anyone expected, and then there were the supply problems that every builder has had,\u201d she told us. \u201cBut walking in this morning and seeing people back at the tables made it all worthwhile.\u201d",
    "The library will be open six days a week, with late opening until eight on Tuesdays and Thursdays. The popular Saturday story time returns next week, and the local history group will resume its monthly talks in September. Volunteers are still needed for the homework club, and anyone interested can sign up at the front desk.",
]


def build_blog() -> None:
    body_html = "\n".join(f"<p>{esc(p, quote=False)}</p>" for p in BLOG_BODY)
    page = f"""<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-strict.dtd">
<html xmlns="http://www.w3.org/1999/xhtml" lang="en-GB">
<head>
<meta http-equiv="Content-Type" content="text/html; charset=UTF-8" />
<title>{BLOG_TITLE} &laquo; Millbrook Community News</title>
<meta name="generator" content="WordPress 3.4.2" />
<link rel="stylesheet" href="/static/css/site.css" type="text/css" />
<link rel="alternate" type="application/atom+xml" title="Millbrook Community News &raquo; Feed" href="/atom.xml" />
</head>
<body class="single single-post">
<div id="page" class="wrap">
<div id="header"><h2 class="site-title"><a href="/">Millbrook Community News</a></h2><p class="description">News, events and people from around Millbrook</p></div>
<div id="menu" class="navbar"><ul><li><a href="/">Home</a></li><li><a href="/world/">News</a></li><li><a href="/tech/">Events</a></li><li><a href="/about/">About</a></li><li><a href="/about/">Contact</a></li></ul></div>
<div id="content" class="main-col">
<div class="breadcrumbs">You are here: <a href="/">Home</a> &raquo; <a href="/world/">Community</a> &raquo; {BLOG_TITLE}</div>
<div class="post hentry" id="post-412">
<h2 class="entry-title">{BLOG_TITLE}</h2>
<div class="postmeta"><span class="byline">By <span class="author vcard"><a class="url fn n" href="/about/">Margaret Holloway</a></span></span> on <abbr class="published" title="2022-07-21T18:45:00+01:00">July 21, 2022</abbr> at 6:45 pm · <a href="#comments">3 Comments</a></div>
<div class="entry entry-content">
<img src="/static/img/2022/0721/library.png" alt="" width="160" height="100" class="alignright" />
{body_html}
<div class="sharedaddy">Share this: <a href="javascript:;">Facebook</a> <a href="javascript:;">Twitter</a> <a href="mailto:?subject=Riverside%20library">Email</a> <a href="javascript:window.print()">Print</a></div>
</div>
<p class="postmetadata">Filed under: <a href="/world/">Community</a>, <a href="/world/">Libraries</a> | Tags: <a href="/world/">Mill Lane</a>, <a href="/world/">renovation</a></p>
<div class="navigation"><span class="previous">&laquo; <a href="/blog/2022/07/18/summer-fete-raises-record-sum.html">Summer fete raises record sum for hospice</a></span> <span class="next"><a href="/blog/2022/07/25/bus-route-changes.html">Bus route 14 changes from August</a> &raquo;</span></div>
</div>
<div class="comments" id="comments">
<h3>3 Responses to &#8220;{BLOG_TITLE}&#8221;</h3>
<div class="comment"><p class="comment-author">Pat Simmons says: <small>July 21, 2022 at 7:30 pm</small></p><p>Lovely to have it back. The new study room is a real improvement and the staff were as friendly as ever.</p></div>
<div class="comment"><p class="comment-author">J. Okafor says: <small>July 21, 2022 at 9:02 pm</small></p><p>Does anyone know whether the computer suite has reopened as well?</p></div>
<div class="comment"><p class="comment-author">Helen (library staff) says: <small>July 22, 2022 at 8:15 am</small></p><p>Yes, all twelve computers are available, bookable at the front desk or online.</p></div>
<h3>Leave a Reply</h3>
<form action="/about/" method="post"><p><input name="author" /> Name</p><p><textarea name="comment"></textarea></p><p><input type="submit" value="Post Comment" /></p></form>
</div>
</div>
<div id="sidebar" class="sidebar">
<h3>Recent Posts</h3>
<ul>
<li><a href="/blog/2022/07/18/summer-fete-raises-record-sum.html">Summer fete raises record sum for hospice</a></li>
<li><a href="/blog/2022/07/15/allotment-open-day.html">Allotment society open day this Sunday</a></li>
<li><a href="/blog/2022/07/12/new-crossing-school-lane.html">New crossing for School Lane approved</a></li>
</ul>
<h3>Archives</h3><ul><li><a href="/blog/2022/07/">July 2022</a></li><li><a href="/blog/2022/06/">June 2022</a></li></ul>
</div>
<div id="footer" class="site-footer"><p>Millbrook Community News is proudly powered by WordPress. Copyright © 2022 Millbrook Community News. All rights reserved.</p></div>
</div>
</body>
</html>
"""
    put(P["en_blog"], page, "utf-8", strict=True)
    article(
        "en_blog", title=BLOG_TITLE, language="en", encoding="utf-8", declared_charset="utf-8",
        published_at="2022-07-21T18:45:00+01:00", authors=["Margaret Holloway"],
        body_contains=["opened its doors again on Thursday morning",
                       "Volunteers are still needed for the homework club"],
        body_excludes=["Does anyone know whether the computer suite has reopened", "Share this:"],
        site_name="Millbrook Community News", section="Community", tags=["Mill Lane", "renovation"],
        body_paragraphs=BLOG_BODY, related_count=None, json_ld=False, og=False,
        notes="old WordPress-like blog: <span class=byline>By …</span>, hAtom <abbr class=published title=ISO>, "
              "headline is an <h2>, 3 reader comments after the post; only in atom.xml and sitemap-pages.xml.gz",
    )


# ---------------------------------------------------------------------------
# Listing pages (home + sections), about, private, robots, sitemaps, feeds
# ---------------------------------------------------------------------------
TEASERS = {
    "tibet_trad": ("蔡奇:以每日清零的標準 防松勁防死角防反彈", "北京市領導到朝陽區檢查疫情處置工作。", "07-24 08:31"),
    "tibet_simp": ("蔡奇：以每日清零的标准 防松劲防死角防反弹", "简体版。检查疫情处置工作。", "07-24 08:31"),
    "fengyuan_table": (FENGYUAN_TITLE, "县里召开主汛期防汛工作调度会。", "07-20 10:15"),
    "museum_modern": (MUSEUM_TITLE, "多家博物馆推出延时开放等措施。", "07-24 09:12"),
    "xinhua_weather": (WEATHER_TITLE, "南方高温持续，华北东北将有较强降雨。", "07-24 10:26"),
    "charging_gb2312": (CHARGING_TITLE, "充电设施进小区，多地出实招。", "07-22 14:20"),
    "hk_heat": (HK_TITLE, "市區最高氣溫約34度。", "07-24 11:02"),
    "tw_ebus": (TW_TITLE, "全市電動公車將突破600輛。", "07-22 18:35"),
    "en_wire": (WIRE_TITLE, "Rates fall for a seventh straight week.", "Jul 24"),
    "en_coffee": (COFFEE_TITLE, "Second round of increases this year.", "Jul 23"),
    "en_fiber": (FIBER_TITLE, "Council votes 7-2 for a municipal network.", "Jul 22"),
}


def listing_items(keys, cls="list"):
    out = []
    for k in keys:
        t, teaser, d = TEASERS[k]
        out.append(f'<li><a href="{P[k]}" class="title">{esc(t)}</a> <span class="date">{d}</span><p class="teaser">{esc(teaser)}</p></li>')
    return f'<ul class="{cls}">\n' + "\n".join(out) + "\n</ul>"


def portal_page(*, title, lang, heading, crumbs, items_html, pager="", side_keys=(), extra_head="", extra_body=""):
    side = "\n".join(f'<li><a href="{P[k]}">{esc(TEASERS[k][0])}</a></li>' for k in side_keys)
    return f"""<!DOCTYPE html>
<html lang="{lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<meta name="description" content="样例新闻网：国内、国际、科技新闻。Sample News: China, world and technology news.">
<meta property="og:type" content="website">
<meta property="og:site_name" content="样例新闻网">
<meta property="og:title" content="{title}">
{extra_head}<link rel="alternate" type="application/rss+xml" title="RSS" href="/rss.xml">
<link rel="alternate" type="application/atom+xml" title="Atom" href="/atom.xml">
<link rel="stylesheet" href="/static/css/site.css">
</head>
<body class="listing">
<div class="topbar"><div class="w1000">2022年7月24日 星期日 | <a href="/about/">关于我们</a> | <a href="/rss.xml">RSS</a></div></div>
<div class="header w1000"><div class="logo"><a href="/"><img src="/static/img/logo.png" alt="样例新闻网" width="180" height="48"></a></div>
<div class="search"><form action="/search"><input name="q"><button>搜索</button></form></div></div>
<div class="nav"><div class="w1000"><ul>
<li><a href="/">首页</a></li><li><a href="/china/">国内 China</a></li><li><a href="/world/">国际 World</a></li><li><a href="/tech/">科技 Tech</a></li><li><a href="/about/">关于 About</a></li>
</ul></div></div>
<div class="w1000">
<div class="crumbs">{crumbs}</div>
<div class="left">
<h2 class="column-title">{heading}</h2>
{items_html}
{pager}
{extra_body}
</div>
<div class="right">
<div class="hot"><h3>热点新闻 Most read</h3><ol>
{side}
</ol></div>
<div class="ad"><img src="/static/img/ad-300x250.png" alt="广告" width="300" height="250"></div>
</div>
</div>
<div class="footer"><p><a href="/about/">关于我们</a> | <a href="/rss.xml">RSS</a> | <a href="/atom.xml">Atom</a> | <a href="/sitemap.xml">网站地图</a></p>
<p>Copyright © 2022 样例新闻网 Sample News. All rights reserved. 版权所有</p></div>
</body>
</html>
"""


def build_listings() -> None:
    website_ld = {"@context": "https://schema.org", "@type": "WebSite", "name": "样例新闻网",
                  "url": "/", "potentialAction": {"@type": "SearchAction", "target": "/search?q={q}",
                                                  "query-input": "required name=q"}}
    home_extra = f"""<div class="sections">
<h3>栏目 Sections</h3>
<ul><li><a href="/china/">国内新闻</a> · <a href="/china/index_2.html">更多国内新闻</a></li><li><a href="/world/">World</a></li><li><a href="/tech/">科技 Tech</a></li></ul>
<h3>编辑部</h3>
<ul><li><a href="{PRIVATE_PAGE}">内部稿件预览（编辑部专用）</a></li><li><a href="/about/">关于本站</a></li></ul>
</div>"""
    put("/index.html", portal_page(
        title="样例新闻网 - 首页 | Sample News", lang="zh-Hans", heading="要闻 Top stories",
        crumbs="首页", items_html=listing_items(["tibet_trad", "museum_modern", "en_wire", "tw_ebus", "xinhua_weather"]),
        side_keys=["hk_heat", "en_fiber", "charging_gb2312", "fengyuan_table"],
        extra_head='<script type="application/ld+json">' + json.dumps(website_ld, ensure_ascii=False) + "</script>\n",
        extra_body=home_extra))
    put("/china/index.html", portal_page(
        title="国内新闻_样例新闻网", lang="zh-Hans", heading="国内新闻",
        crumbs='<a href="/">首页</a> &gt; 国内新闻',
        items_html=listing_items(["museum_modern", "xinhua_weather", "tibet_trad", "fengyuan_table", "charging_gb2312"]),
        pager='<div class="pages"><span>1</span> <a href="/china/index_2.html">2</a> <a href="/china/index_2.html">下一页</a> <a href="/china/index_2.html">尾页</a></div>',
        side_keys=["hk_heat", "tw_ebus", "en_wire"]))
    put("/china/index_2.html", portal_page(
        title="国内新闻_第2页_样例新闻网", lang="zh-Hans", heading="国内新闻（第2页）",
        crumbs='<a href="/">首页</a> &gt; <a href="/china/">国内新闻</a> &gt; 第2页',
        items_html=listing_items(["tibet_simp", "hk_heat", "tw_ebus", "xinhua_weather"]),
        pager='<div class="pages"><a href="/china/">首页</a> <a href="/china/">上一页</a> <a href="/china/">1</a> <span>2</span></div>',
        side_keys=["museum_modern", "en_coffee"]))
    put("/world/index.html", portal_page(
        title="World News | Sample News", lang="en", heading="World",
        crumbs='<a href="/">Home</a> &gt; World',
        items_html=listing_items(["en_wire", "en_coffee", "hk_heat", "tw_ebus"], cls="news-list"),
        pager='<div class="pagination"><span>Page 1</span> <a href="/world/" class="disabled">Next</a></div>',
        side_keys=["en_fiber", "museum_modern"]))
    put("/tech/index.html", portal_page(
        title="科技 Tech | 样例新闻网", lang="zh-Hans", heading="科技 Technology",
        crumbs='<a href="/">首页</a> &gt; 科技',
        items_html=listing_items(["en_fiber", "charging_gb2312", "en_coffee", "tw_ebus"], cls="news-list"),
        side_keys=["en_wire", "xinhua_weather"]))
    for path, lang, kind in [("/index.html", "zh-Hans", "home"), ("/china/index.html", "zh-Hans", "section"),
                             ("/china/index_2.html", "zh-Hans", "section-page-2"), ("/world/index.html", "en", "section"),
                             ("/tech/index.html", "zh-Hans", "section")]:
        MANIFEST["listings"].append({"path": path, "url_path": path[: -len("index.html")] if path.endswith("/index.html") else path,
                                     "kind": kind, "language": lang, "encoding": "utf-8"})

    about = """<!DOCTYPE html>
<html lang="zh-Hans">
<head>
<meta charset="utf-8">
<title>关于我们 - 样例新闻网</title>
<meta property="og:type" content="website">
<link rel="stylesheet" href="/static/css/site.css">
</head>
<body>
<div class="nav"><div class="w1000"><ul><li><a href="/">首页</a></li><li><a href="/china/">国内</a></li><li><a href="/world/">World</a></li><li><a href="/tech/">科技</a></li></ul></div></div>
<div class="w1000">
<div class="crumbs"><a href="/">首页</a> &gt; 关于我们</div>
<h1>关于我们</h1>
<p>样例新闻网是为新闻采集程序测试而搭建的离线示例网站，站内收录了模仿不同年代、不同地区新闻门户页面结构的样例稿件，包括简体中文、繁体中文和英文页面，以及使用GBK、Big5等传统编码的旧式页面。</p>
<p>本站页面中的除种子稿件外的新闻内容均为虚构，仅用于测试正文抽取、元数据识别、去重和归档等功能，不代表任何真实媒体的立场，也不构成任何新闻报道。如需联系维护人员，请在项目仓库中提交问题。</p>
<p>Sample News is an offline fixture site for testing a news crawler. Apart from the seed article, all stories are invented.</p>
</div>
<div class="footer"><p>Copyright © 2022 样例新闻网 Sample News. All rights reserved.</p></div>
</body>
</html>
"""
    put(ABOUT_PAGE, about)
    MANIFEST["non_articles"].append({"path": ABOUT_PAGE, "url_path": "/about/", "kind": "about",
                                     "notes": "static page with prose but no date/byline: must not be archived"})

    private = """<!DOCTYPE html>
<html lang="zh-Hans">
<head>
<meta charset="utf-8">
<meta name="robots" content="noindex,nofollow">
<title>【内部稿件 请勿外传】某市地铁新线开通方案（征求意见稿）_样例新闻网</title>
</head>
<body>
<div class="crumbs"><a href="/">首页</a> &gt; 编辑部 &gt; 内部稿件</div>
<h1>【内部稿件 请勿外传】某市地铁新线开通方案（征求意见稿）</h1>
<div class="info">发布时间：2022-07-24 07:00 来源：样例新闻网编辑部 作者：编辑部</div>
<div class="content">
<p>PRIVATE-SENTINEL-7f3a: 本页面位于 robots.txt 禁止抓取的 /private/ 目录下。遵守 robots 协议的爬虫不应请求本页面；如果本页内容出现在归档中，说明爬虫没有遵守 robots.txt。</p>
<p>本稿件为编辑部内部讨论稿，涉及的线路走向、站点设置和开通时间均未最终确定，任何单位和个人不得擅自转载或引用。正式稿件将在审核通过后另行发布，请以官方发布的信息为准。</p>
</div>
<div class="editor">责任编辑：编辑部</div>
</body>
</html>
"""
    put(PRIVATE_PAGE, private)
    MANIFEST["non_articles"].append({"path": PRIVATE_PAGE, "url_path": PRIVATE_PAGE, "kind": "robots-disallowed",
                                     "sentinel": "PRIVATE-SENTINEL-7f3a",
                                     "notes": "linked from the home page, disallowed by robots.txt: must never be fetched"})
    MANIFEST["robots_disallowed"] = ["/private/", "/search"]


ROBOTS = """# robots.txt for the sample news site
User-agent: *
Disallow: /private/
Disallow: /search

User-agent: BadBot
Disallow: /

Sitemap: {{BASE}}/sitemap.xml
"""

# key, news:name, news:language
NEWS_SITEMAP = [
    ("tibet_trad", "中國西藏網", "zh-tw"),
    ("tibet_simp", "中国西藏网", "zh-cn"),
    ("museum_modern", "华东在线", "zh-cn"),
    ("xinhua_weather", "新华网", "zh-cn"),
    ("hk_heat", "港聞網", "zh-tw"),
]
PAGES_SITEMAP = ["fengyuan_table", "charging_gb2312", "big5_rain", "tw_ebus", "en_wire", "en_coffee", "en_fiber", "en_blog"]
RSS_ITEMS = [  # key, link query string
    ("xinhua_weather", ""),
    ("weather_reprint", "?utm_source=rss&utm_medium=feed&utm_campaign=china"),
    ("museum_modern", "?utm_source=rss&utm_medium=feed"),
    ("charging_gb2312", ""),
    ("en_wire", ""),
]
ATOM_ENTRIES = ["en_fiber", "en_blog", "en_coffee"]


def a_info(key):
    for a in MANIFEST["articles"]:
        if a["key"] == key:
            return a
    raise KeyError(key)


def rfc822(iso: str) -> str:
    from datetime import datetime
    return datetime.fromisoformat(iso).strftime("%a, %d %b %Y %H:%M:%S %z")


def build_feeds() -> None:
    put("/robots.txt", ROBOTS)
    put("/sitemap.xml", """<?xml version="1.0" encoding="UTF-8"?>
<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
  <sitemap>
    <loc>{{BASE}}/sitemap-news.xml</loc>
    <lastmod>2022-07-24T11:30:00+08:00</lastmod>
  </sitemap>
  <sitemap>
    <loc>{{BASE}}/sitemap-pages.xml.gz</loc>
    <lastmod>2022-07-24T06:00:00+08:00</lastmod>
  </sitemap>
</sitemapindex>
""")
    urls = []
    for key, name, lang in NEWS_SITEMAP:
        a = a_info(key)
        urls.append(f"""  <url>
    <loc>{{{{BASE}}}}{P[key]}</loc>
    <news:news>
      <news:publication>
        <news:name>{esc(name)}</news:name>
        <news:language>{lang}</news:language>
      </news:publication>
      <news:publication_date>{a['published_at']}</news:publication_date>
      <news:title>{esc(a['title'])}</news:title>
    </news:news>
  </url>""")
    put("/sitemap-news.xml", """<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"
        xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
""" + "\n".join(urls) + "\n</urlset>\n")

    urls = []
    for key in PAGES_SITEMAP:
        a = a_info(key)
        urls.append(f"""  <url>
    <loc>{{{{BASE}}}}{P[key]}</loc>
    <lastmod>{a.get('modified_at') or a['published_at']}</lastmod>
    <changefreq>monthly</changefreq>
    <priority>0.6</priority>
  </url>""")
    xml = ('<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
           + "\n".join(urls) + "\n</urlset>\n")
    OUT["/sitemap-pages.xml.gz"] = gzip.compress(xml.encode("utf-8"), mtime=0)

    items = []
    for key, qs in RSS_ITEMS:
        a = a_info(key)
        body0 = a["body_paragraphs"][0]
        items.append(f"""    <item>
      <title>{esc(a['title'])}</title>
      <link>{{{{BASE}}}}{P[key]}{esc(qs)}</link>
      <guid isPermaLink="false">{key}-{a['published_at'][:10]}</guid>
      <pubDate>{rfc822(a['published_at'])}</pubDate>
      <dc:creator>{esc(', '.join(a['authors']) or a.get('site_name', ''))}</dc:creator>
      <description>{esc(body0[:80])}…</description>
    </item>""")
    put("/rss.xml", """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:atom="http://www.w3.org/2005/Atom">
  <channel>
    <title>样例新闻网 - 最新新闻</title>
    <link>{{BASE}}/</link>
    <atom:link href="{{BASE}}/rss.xml" rel="self" type="application/rss+xml"/>
    <description>样例新闻网最新稿件 Sample News latest stories</description>
    <language>zh-cn</language>
    <lastBuildDate>Sun, 24 Jul 2022 11:30:00 +0800</lastBuildDate>
""" + "\n".join(items) + "\n  </channel>\n</rss>\n")

    entries = []
    for key in ATOM_ENTRIES:
        a = a_info(key)
        authors = "".join(f"<author><name>{esc(n)}</name></author>" for n in a["authors"])
        entries.append(f"""  <entry>
    <title>{esc(a['title'])}</title>
    <link rel="alternate" type="text/html" href="{{{{BASE}}}}{P[key]}"/>
    <id>tag:sample-news.invalid,2022:{key}</id>
    <published>{a['published_at']}</published>
    <updated>{a.get('modified_at') or a['published_at']}</updated>
    {authors}
    <summary>{esc(a['body_paragraphs'][0][:120])}…</summary>
  </entry>""")
    put("/atom.xml", """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>Sample News - English</title>
  <link rel="self" href="{{BASE}}/atom.xml"/>
  <link rel="alternate" href="{{BASE}}/"/>
  <id>tag:sample-news.invalid,2022:feed</id>
  <updated>2022-07-23T16:40:00-04:00</updated>
""" + "\n".join(entries) + "\n</feed>\n")
    MANIFEST["feeds"] = {
        "sitemap_index": "/sitemap.xml",
        "news_sitemap": {"path": "/sitemap-news.xml", "articles": [P[k] for k, _, _ in NEWS_SITEMAP]},
        "gzip_sitemap": {"path": "/sitemap-pages.xml.gz", "articles": [P[k] for k in PAGES_SITEMAP]},
        "rss": {"path": "/rss.xml", "articles": [P[k] for k, _ in RSS_ITEMS],
                "links_with_tracking_params": [P[k] + qs for k, qs in RSS_ITEMS if qs]},
        "atom": {"path": "/atom.xml", "articles": [P[k] for k in ATOM_ENTRIES]},
        "robots": "/robots.txt",
        "base_placeholder": "{{BASE}}",
    }


# ---------------------------------------------------------------------------
# Older stories: the pages that related lists, teaser streams and archive links
# point to outside the 14 articles. They exist, as on a real site, so a crawl of
# the sample site (make demo) ends without 404s; each is a short page (headline,
# one line, a link home) that the spider counts as a listing, never archives.
# ---------------------------------------------------------------------------
ANCHOR_RE = re.compile(r"""<a\s[^>]*?href\s*=\s*["']([^"']+)["'][^>]*>(.*?)</a>""", re.I | re.S)
TAG_RE = re.compile(r"<[^>]+>")


def older_story_page(title: str) -> str:
    return f"""<!DOCTYPE html>
<html>
<head>
<meta charset="utf-8">
<title>{esc(title)}</title>
<meta property="og:type" content="website">
</head>
<body>
<h1>{esc(title)}</h1>
<p>An older page of the sample site; its text is not part of the bundle.</p>
<p><a href="/">Home</a></p>
</body>
</html>
"""


def build_older_stories() -> None:
    titles: dict[str, str] = {}
    for p in sorted(OUT):
        if not p.endswith((".html", ".htm", ".shtml")):
            continue
        for href, text in ANCHOR_RE.findall(page_text(p)):
            t = resolve(html.unescape(href), p)
            if t and file_for(t) is None and not t.startswith("/search") and t not in ALWAYS_404:
                titles.setdefault(t, html.unescape(TAG_RE.sub("", text)).strip() or t)
    for path, title in sorted(titles.items()):
        put(path + "index.html" if path.endswith("/") else path, older_story_page(title))
    MANIFEST["older_stories"] = sorted(titles)


# ---------------------------------------------------------------------------
# Checks: link graph, reachability, body sizes
# ---------------------------------------------------------------------------
HREF_RE = re.compile(r"""href\s*=\s*["']([^"']+)["']""", re.I)
ALWAYS_404 = {"/missing.html"}  # the server's deliberate 404 (server.ALWAYS_404)


def page_text(path: str) -> str:
    enc = "utf-8"
    for a in MANIFEST["articles"]:
        if a["path"] == path:
            enc = a["encoding"]
    return OUT[path].decode(enc)


def resolve(href: str, base: str):
    from urllib.parse import urljoin, urlsplit
    if href.startswith(("javascript:", "mailto:", "#")):
        return None
    u = urlsplit(urljoin("http://h" + base, href))
    if u.netloc != "h":
        return None
    return u.path


def file_for(urlpath: str):
    if urlpath.endswith("/"):
        urlpath += "index.html"
    return urlpath if urlpath in OUT else None


def check_graph() -> None:
    html_pages = [p for p in OUT if p.endswith((".html", ".htm", ".shtml"))]
    links: dict[str, set[str]] = {p: set() for p in html_pages}
    for p in html_pages:
        for h in HREF_RE.findall(page_text(p)):
            r = resolve(html.unescape(h), p)
            if r:
                links[p].add(r)
    inbound: dict[str, set[str]] = {}
    dead = set()
    for p, targets in links.items():
        for t in targets:
            f = file_for(t)
            if f is None:
                if not t.startswith(("/search",)):
                    dead.add(t)
                continue
            inbound.setdefault(f, set()).add(p)
    # BFS from home, honouring robots
    seen, todo = set(), ["/index.html"]
    while todo:
        p = todo.pop()
        if p in seen:
            continue
        seen.add(p)
        for t in links.get(p, ()):
            f = file_for(t)
            if f and f in links and not f.startswith("/private/"):
                todo.append(f)
    assert PRIVATE_PAGE in links["/index.html"], "home must link the private page"
    for a in MANIFEST["articles"]:
        path, key = a["path"], a["key"]
        a["linked_from"] = sorted(x for x in inbound.get(path, ()) if x != path)
        if key in FEED_ONLY:
            assert not a["linked_from"], (key, a["linked_from"])
        else:
            assert path in seen, f"{key} not reachable from home"
        feeds = MANIFEST["feeds"]
        a["in_feeds"] = [name for name in ("news_sitemap", "gzip_sitemap", "rss", "atom")
                         if path in feeds[name]["articles"]]
        listed = [item["path"] for item in MANIFEST["listings"] if path in links[item["path"]]]
        a["in_listings"] = listed
        assert a["in_feeds"] or listed, key
        # body size rules
        text = "\n".join(a["body_paragraphs"])
        if a["language"] == "en":
            assert len(text.split()) >= 150, (key, len(text.split()))
        else:
            assert len(text) >= 300, (key, len(text))
        # body_excludes strings must be on the page, body_contains in the body
        page = html.unescape(page_text(path))
        for s in a["body_excludes"]:
            assert clean_pinyin(s) in clean_pinyin(page), (key, s)
            assert s not in text, (key, s)
        for s in a["body_contains"]:
            assert s in text, (key, s)
    assert not dead, f"links to pages the site does not have: {sorted(dead)}"


def main() -> None:
    assets()
    build_tibet()
    build_fengyuan()
    build_huadong()
    build_xinhua()
    build_charging()
    build_hk()
    build_big5()
    build_tw()
    build_wire()
    build_coffee()
    build_fiber()
    build_blog()
    build_listings()
    build_feeds()
    build_older_stories()
    check_graph()

    order = list(P)
    MANIFEST["articles"].sort(key=lambda a: order.index(a["key"]))
    MANIFEST["routes"] = {
        "/old-url.html": {"status": 301, "location": OLD_URL_TARGET},
        "/missing.html": {"status": 404},
        "/external-redirect": {"status": 302, "location": "http://example.invalid/x"},
    }
    MANIFEST["http_charset_utf8"] = sorted(P[k] for k in HTTP_UTF8)
    manifest = {
        "about": "Expected results for the bundled sample site. Paths are URL paths under the server root. "
                 "body_contains must appear in the extracted body, body_excludes must not. Titles are clean "
                 "(no pinyin, no site suffix). published_at is what the page states, with its offset.",
        **MANIFEST,
    }
    OUT["/MANIFEST.json"] = (json.dumps(manifest, ensure_ascii=False, indent=2) + "\n").encode("utf-8")

    if SITE.exists():
        shutil.rmtree(SITE)
    for path, data in sorted(OUT.items()):
        f = SITE / path.lstrip("/")
        f.parent.mkdir(parents=True, exist_ok=True)
        f.write_bytes(data)
    print(f"wrote {len(OUT)} files under {SITE}")


if __name__ == "__main__":
    main()
