<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
  <context>
    <name>AlertBanner</name>
    <message>
      <source>The register file is damaged. To protect the entries in it, the app saves nothing more into it.
What to do: do not delete or move the file and do not copy anything over it. Keep the register on paper for now and call your supervisor.
Supervisor: check the file with  checkpoint-cli doctor --data-dir "{folder}"  and restore the copy the app made before the last upgrade (beside the register, if there is one) or the last backup.</source>
      <translation>登记簿文件已损坏。为保护其中已有的记录，本软件不再向其中保存任何内容。
怎么办：不要删除或移动该文件，也不要用其他文件覆盖它。请暂时改用纸质登记，并联系负责人。
负责人：用  checkpoint-cli doctor --data-dir "{folder}"  检查该文件，然后恢复本软件在上次升级前所做的副本（如有，位于登记簿旁边）或最近一次备份。</translation>
    </message>
    <message>
      <source>it shows {now}, earlier than the newest entry ({newest})</source>
      <translation>它显示 {now}，早于最新一条登记的时间（{newest}）</translation>
    </message>
    <message>
      <source>it moved {amount} ahead between two saves (from {before} to {now})</source>
      <translation>两次保存之间它向前跳了 {amount}（从 {before} 到 {now}）</translation>
    </message>
    <message>
      <source>it moved {amount} back between two saves (from {before} to {now})</source>
      <translation>两次保存之间它向后倒退了 {amount}（从 {before} 到 {now}）</translation>
    </message>
    <message>
      <source>The computer's clock seems wrong: {what}; entries are dated by it. Check the date and time.</source>
      <translation>电脑时钟似乎不对：{what}；登记的时间以它为准。请检查日期和时间。</translation>
    </message>
    <message>
      <source>{hours} h {minutes} min</source>
      <translation>{hours} 小时 {minutes} 分钟</translation>
    </message>
    <message>
      <source>Clock checked</source>
      <translation>时钟已核对</translation>
    </message>
  </context>
  <context>
    <name>AuditDialog</name>
    <message>
      <source>Done</source>
      <translation>完成</translation>
    </message>
    <message>
      <source>Refused</source>
      <translation>被拒绝</translation>
    </message>
    <message>
      <source>Failed</source>
      <translation>失败</translation>
    </message>
    <message>
      <source>No. {value}</source>
      <translation>第 {value} 号</translation>
    </message>
    <message>
      <source>new No. {value}</source>
      <translation>新编号 {value}</translation>
    </message>
    <message>
      <source>role: {value}</source>
      <translation>角色：{value}</translation>
    </message>
    <message>
      <source>wrong PINs: {value}</source>
      <translation>PIN 错误次数：{value}</translation>
    </message>
    <message>
      <source>{value} minutes</source>
      <translation>{value} 分钟</translation>
    </message>
    <message>
      <source>name: {value}</source>
      <translation>名称：{value}</translation>
    </message>
    <message>
      <source>no such operator (what was typed is not kept)</source>
      <translation>无此值班人员（输入内容不保存）</translation>
    </message>
    <message>
      <source>code: {value}</source>
      <translation>编码：{value}</translation>
    </message>
    <message>
      <source>changed: {value}</source>
      <translation>修改：{value}</translation>
    </message>
    <message>
      <source>reason: {value}</source>
      <translation>原因：{value}</translation>
    </message>
    <message>
      <source>active: {value}</source>
      <translation>启用：{value}</translation>
    </message>
    <message>
      <source>typed at the start, before the encrypted register was opened</source>
      <translation>在启动时输入（已加密的登记簿打开之前）</translation>
    </message>
    <message>
      <source>set with the office's escrow key (checkpoint-cli recover)</source>
      <translation>用区指挥部的托管密钥设置（checkpoint-cli recover）</translation>
    </message>
    <message>
      <source>yes</source>
      <translation>是</translation>
    </message>
    <message>
      <source>no</source>
      <translation>否</translation>
    </message>
    <message>
      <source>Hash chain intact: {count} events, none changed, removed or reordered.</source>
      <translation>哈希链完整：共 {count} 条记录，无修改、删除或调换。</translation>
    </message>
    <message>
      <source>Hash chain whole ({count} events), but the file keeping its newest event (audit-head.json) cannot be read: run checkpoint-cli doctor.</source>
      <translation>哈希链完整（{count} 条记录），但保存最新记录的文件（audit-head.json）无法读取：请运行 checkpoint-cli doctor。</translation>
    </message>
    <message>
      <source>Hash chain whole ({count} events), but the file keeping its newest event (audit-head.json) is missing: deleted newest events would not show.</source>
      <translation>哈希链完整（{count} 条记录），但保存最新记录的文件（audit-head.json）不存在：最新记录若被删除将无法发现。</translation>
    </message>
    <message>
      <source>The audit log has been tampered with: event {id} was changed after it was written.</source>
      <translation>审计日志已被篡改：第 {id} 条记录在写入后被修改。</translation>
    </message>
    <message>
      <source>The audit log has been tampered with: at event {id} events were deleted, inserted or moved.</source>
      <translation>审计日志已被篡改：在第 {id} 条记录处有记录被删除、插入或移动。</translation>
    </message>
    <message>
      <source>The audit log has been tampered with: the events just before event {id} are missing.</source>
      <translation>审计日志已被篡改：第 {id} 条之前的记录缺失。</translation>
    </message>
    <message>
      <source>The audit log is missing its newest events, from event {id} on (or a backup was restored).</source>
      <translation>审计日志缺少最新的记录（从第 {id} 条起），或曾恢复过备份。</translation>
    </message>
    <message>
      <source>The audit log has been tampered with: event {id} is not the newest event recorded.</source>
      <translation>审计日志已被篡改：第 {id} 条不是所记录的最新记录。</translation>
    </message>
    <message>
      <source>Keep the register as it is and run checkpoint-cli doctor.</source>
      <translation>请保持登记册原样，并运行 checkpoint-cli doctor。</translation>
    </message>
    <message>
      <source>Time</source>
      <translation>时间</translation>
    </message>
    <message>
      <source>Operator</source>
      <translation>值班人员</translation>
    </message>
    <message>
      <source>Action</source>
      <translation>操作</translation>
    </message>
    <message>
      <source>Outcome</source>
      <translation>结果</translation>
    </message>
    <message>
      <source>Subject</source>
      <translation>对象</translation>
    </message>
    <message>
      <source>Detail</source>
      <translation>详情</translation>
    </message>
    <message>
      <source>Audit log</source>
      <translation>审计日志</translation>
    </message>
    <message>
      <source>Checking the hash chain…</source>
      <translation>正在校验哈希链…</translation>
    </message>
    <message>
      <source>All operators</source>
      <translation>全部值班人员</translation>
    </message>
    <message>
      <source>(nobody logged in)</source>
      <translation>（未登录）</translation>
    </message>
    <message>
      <source>All actions</source>
      <translation>全部操作</translation>
    </message>
    <message>
      <source>All outcomes</source>
      <translation>全部结果</translation>
    </message>
    <message>
      <source>From</source>
      <translation>从</translation>
    </message>
    <message>
      <source>to</source>
      <translation>至</translation>
    </message>
    <message>
      <source>No events match these filters.</source>
      <translation>没有符合筛选条件的记录。</translation>
    </message>
    <message>
      <source>Checking the audit log</source>
      <translation>正在校验审计日志</translation>
    </message>
    <message>
      <source>The hash chain was not checked: other work is running. Open the audit log again when it has finished.</source>
      <translation>未校验哈希链：其他任务正在进行。任务结束后请重新打开审计日志。</translation>
    </message>
    <message>
      <source>The hash chain could not be checked: the register could not be read.</source>
      <translation>无法校验哈希链：登记册无法读取。</translation>
    </message>
    <message>
      <source>The hash chain check was cancelled.</source>
      <translation>哈希链校验已取消。</translation>
    </message>
  </context>
  <context>
    <name>Backups</name>
    <message>
      <source>The last backup failed: {reason} Check the backup drive, then Station → Back up now….</source>
      <translation>上次备份失败：{reason} 请检查备份U盘，然后点 站点 → 立即备份…。</translation>
    </message>
    <message>
      <source>Back up now</source>
      <translation>立即备份</translation>
    </message>
    <message>
      <source>Back up to which folder or drive? (now: {folder})</source>
      <translation>备份到哪个文件夹或U盘？（当前：{folder}）</translation>
    </message>
    <message>
      <source>The register is backed up and checked: {file} ({size} MB). The last {keep} backups are kept there.</source>
      <translation>登记簿已备份并检查：{file}（{size} MB）。该处保留最近 {keep} 份备份。</translation>
    </message>
  </context>
  <context>
    <name>CentralWindow</name>
    <message>
      <source>The office database cannot be opened</source>
      <translation>无法打开区级数据库</translation>
    </message>
    <message>
      <source>{db}: {reason}</source>
      <translation>{db}：{reason}</translation>
    </message>
    <message>
      <source>Imported</source>
      <translation>已导入</translation>
    </message>
    <message>
      <source>Already imported (nothing changed)</source>
      <translation>已导入过（未作改动）</translation>
    </message>
    <message>
      <source>Rejected (nothing written)</source>
      <translation>已拒收（未写入任何内容）</translation>
    </message>
    <message>
      <source>Import batches</source>
      <translation>导入批次</translation>
    </message>
    <message>
      <source>Choose &amp;files…</source>
      <translation>选择文件(&amp;F)…</translation>
    </message>
    <message>
      <source>Import from (a USB stick, a folder or files)</source>
      <translation>导入来源（U盘、文件夹或文件）</translation>
    </message>
    <message>
      <source>File</source>
      <translation>文件</translation>
    </message>
    <message>
      <source>Result</source>
      <translation>结果</translation>
    </message>
    <message>
      <source>Details</source>
      <translation>详情</translation>
    </message>
    <message>
      <source>&amp;Import</source>
      <translation>导入(&amp;I)</translation>
    </message>
    <message>
      <source>Close</source>
      <translation>关闭</translation>
    </message>
    <message>
      <source>Choose batch files</source>
      <translation>选择批次文件</translation>
    </message>
    <message>
      <source>Batches (CKB_*.age);;*</source>
      <translation>批次文件 (CKB_*.age);;*</translation>
    </message>
    <message>
      <source>Importing…</source>
      <translation>正在导入…</translation>
    </message>
    <message>
      <source>Importing batches</source>
      <translation>正在导入批次</translation>
    </message>
    <message>
      <source>No batch file found there.</source>
      <translation>该处没有批次文件。</translation>
    </message>
    <message>
      <source>{imported} imported, {duplicate} already imported, {rejected} rejected.</source>
      <translation>导入 {imported} 个，已导入过 {duplicate} 个，拒收 {rejected} 个。</translation>
    </message>
    <message>
      <source>Nothing was imported: {reason}</source>
      <translation>未导入任何内容：{reason}</translation>
    </message>
    <message>
      <source>none yet</source>
      <translation>暂无</translation>
    </message>
    <message>
      <source>, </source>
      <translation>、</translation>
    </message>
    <message>
      <source>{first} … {last} ({count} days)</source>
      <translation>{first} … {last}（共 {count} 天）</translation>
    </message>
    <message>
      <source>Code</source>
      <translation>编码</translation>
    </message>
    <message>
      <source>passage</source>
      <translation>通行记录</translation>
    </message>
    <message>
      <source>audit event</source>
      <translation>审计记录</translation>
    </message>
    <message>
      <source>seven-ones check</source>
      <translation>“七个一”检查</translation>
    </message>
    <message>
      <source>day declaration</source>
      <translation>日报申报</translation>
    </message>
    <message>
      <source>shift</source>
      <translation>班次</translation>
    </message>
    <message>
      <source>direction</source>
      <translation>方向</translation>
    </message>
    <message>
      <source>kind</source>
      <translation>类别</translation>
    </message>
    <message>
      <source>plate</source>
      <translation>车牌</translation>
    </message>
    <message>
      <source>decision</source>
      <translation>处置</translation>
    </message>
    <message>
      <source>notes</source>
      <translation>备注</translation>
    </message>
    <message>
      <source>recorded at</source>
      <translation>登记时间</translation>
    </message>
    <message>
      <source>day</source>
      <translation>日期</translation>
    </message>
    <message>
      <source>operator</source>
      <translation>值班人员</translation>
    </message>
    <message>
      <source>name</source>
      <translation>姓名</translation>
    </message>
    <message>
      <source>ID number</source>
      <translation>证件号码</translation>
    </message>
    <message>
      <source>phone</source>
      <translation>手机</translation>
    </message>
    <message>
      <source>destination</source>
      <translation>目的地</translation>
    </message>
    <message>
      <source>purpose</source>
      <translation>事由</translation>
    </message>
    <message>
      <source>from</source>
      <translation>来自</translation>
    </message>
    <message>
      <source>temperature</source>
      <translation>体温</translation>
    </message>
    <message>
      <source>second reading</source>
      <translation>复测体温</translation>
    </message>
    <message>
      <source>fever</source>
      <translation>发热</translation>
    </message>
    <message>
      <source>key area</source>
      <translation>重点地区</translation>
    </message>
    <message>
      <source>action</source>
      <translation>操作</translation>
    </message>
    <message>
      <source>figures</source>
      <translation>数字</translation>
    </message>
    <message>
      <source>zero report</source>
      <translation>零报告</translation>
    </message>
    <message>
      <source>person {number}: {field}</source>
      <translation>第 {number} 人：{field}</translation>
    </message>
    <message>
      <source>Station</source>
      <translation>卡口</translation>
    </message>
    <message>
      <source>No.</source>
      <translation>编号</translation>
    </message>
    <message>
      <source>Kind</source>
      <translation>类别</translation>
    </message>
    <message>
      <source>Key</source>
      <translation>键</translation>
    </message>
    <message>
      <source>Batch</source>
      <translation>批次</translation>
    </message>
    <message>
      <source>Found</source>
      <translation>发现时间</translation>
    </message>
    <message>
      <source>No conflict to resolve: every record that arrived again had the same content.</source>
      <translation>没有待处理的冲突：重复到达的记录内容均一致。</translation>
    </message>
    <message>
      <source>Field</source>
      <translation>字段</translation>
    </message>
    <message>
      <source>Held record</source>
      <translation>原记录</translation>
    </message>
    <message>
      <source>Incoming record</source>
      <translation>新记录</translation>
    </message>
    <message>
      <source>why (checked with the station by phone, …)</source>
      <translation>原因（已电话向卡口核实，…）</translation>
    </message>
    <message>
      <source>&amp;Keep held</source>
      <translation>保留原记录(&amp;K)</translation>
    </message>
    <message>
      <source>&amp;Take incoming</source>
      <translation>采用新记录(&amp;T)</translation>
    </message>
    <message>
      <source>&amp;Note:</source>
      <translation>备注(&amp;N)：</translation>
    </message>
    <message>
      <source>C&amp;lerk:</source>
      <translation>经办人(&amp;L)：</translation>
    </message>
    <message>
      <source>C&amp;onflicts ({count})</source>
      <translation>冲突(&amp;O)（{count}）</translation>
    </message>
    <message>
      <source>C&amp;onflicts</source>
      <translation>冲突(&amp;O)</translation>
    </message>
    <message>
      <source>Conflicts</source>
      <translation>冲突</translation>
    </message>
    <message>
      <source>Conflict {number}: {kind} {key} of station {station}, sent again in batch {batch} with other content. The held record was not changed.</source>
      <translation>冲突 {number}：卡口 {station} 的{kind} {key} 在第 {batch} 号批次中再次送来，内容不同。原记录未被改动。</translation>
    </message>
    <message>
      <source>Resolve conflict</source>
      <translation>处理冲突</translation>
    </message>
    <message>
      <source>Write your name as the clerk resolving it.</source>
      <translation>请填写处理此冲突的经办人姓名。</translation>
    </message>
    <message>
      <source>Keep the held record of conflict {number} and mark it resolved?</source>
      <translation>保留冲突 {number} 的原记录并标记为已处理？</translation>
    </message>
    <message>
      <source>Replace the held record with the incoming one (conflict {number})? A voided record stays voided.</source>
      <translation>用新记录替换原记录（冲突 {number}）？已作废的记录仍保持作废。</translation>
    </message>
    <message>
      <source>Conflict {number} resolved: the held record kept.</source>
      <translation>冲突 {number} 已处理：保留原记录。</translation>
    </message>
    <message>
      <source>Conflict {number} resolved: the incoming record taken.</source>
      <translation>冲突 {number} 已处理：采用新记录。</translation>
    </message>
    <message>
      <source>Sub-district</source>
      <translation>街道</translation>
    </message>
    <message>
      <source>Fingerprint</source>
      <translation>指纹</translation>
    </message>
    <message>
      <source>Batches</source>
      <translation>批次数</translation>
    </message>
    <message>
      <source>Last batch</source>
      <translation>最近批次</translation>
    </message>
    <message>
      <source>Last imported</source>
      <translation>最近导入</translation>
    </message>
    <message>
      <source>Last day declared</source>
      <translation>最近申报日</translation>
    </message>
    <message>
      <source>No station enrolled yet: Office → Enroll station… with the enrollment file a station's supervisor brings.</source>
      <translation>尚未登记任何卡口：用卡口负责人带来的登记文件执行“区级 → 登记卡口…”。</translation>
    </message>
    <message>
      <source>Stations</source>
      <translation>卡口</translation>
    </message>
    <message>
      <source>Missing batch numbers</source>
      <translation>缺少的批次号</translation>
    </message>
    <message>
      <source>Days without a declaration</source>
      <translation>未申报的日期</translation>
    </message>
    <message>
      <source>Gaps</source>
      <translation>缺报</translation>
    </message>
    <message>
      <source>{count} stations have gaps: chase their batches.</source>
      <translation>{count} 个卡口有缺报：请催交批次。</translation>
    </message>
    <message>
      <source>No gaps: every station's batches and days are here.</source>
      <translation>无缺报：各卡口的批次和日报均已收到。</translation>
    </message>
    <message>
      <source>&amp;Day:</source>
      <translation>日期(&amp;D)：</translation>
    </message>
    <message>
      <source>Save &amp;XLSX…</source>
      <translation>保存 XLSX(&amp;X)…</translation>
    </message>
    <message>
      <source>Save &amp;PDF…</source>
      <translation>保存 PDF(&amp;P)…</translation>
    </message>
    <message>
      <source>Expected</source>
      <translation>应报</translation>
    </message>
    <message>
      <source>Reported</source>
      <translation>已报</translation>
    </message>
    <message>
      <source>Zero reports</source>
      <translation>零报告</translation>
    </message>
    <message>
      <source>On time</source>
      <translation>按时</translation>
    </message>
    <message>
      <source>Late</source>
      <translation>迟报</translation>
    </message>
    <message>
      <source>Missing</source>
      <translation>未报</translation>
    </message>
    <message>
      <source>Posts that did not report</source>
      <translation>未报的卡口</translation>
    </message>
    <message>
      <source>Persons</source>
      <translation>人数</translation>
    </message>
    <message>
      <source>Vehicles</source>
      <translation>车辆</translation>
    </message>
    <message>
      <source>Fevers</source>
      <translation>发热</translation>
    </message>
    <message>
      <source>Referrals</source>
      <translation>转诊</translation>
    </message>
    <message>
      <source>Refusals</source>
      <translation>劝返</translation>
    </message>
    <message>
      <source>Key-area arrivals</source>
      <translation>重点地区来人</translation>
    </message>
    <message>
      <source>Watchlist alerts</source>
      <translation>名单预警</translation>
    </message>
    <message>
      <source>Totals across the posts that reported:</source>
      <translation>已报卡口合计：</translation>
    </message>
    <message>
      <source>Daily completeness</source>
      <translation>日报完整性</translation>
    </message>
    <message>
      <source>All sub-districts</source>
      <translation>全部街道</translation>
    </message>
    <message>
      <source>{day}: {reported} of {expected} posts reported (zero reports: {zero}, late: {late}); missing: {missing}.</source>
      <translation>{day}：应报 {expected} 个卡口，已报 {reported} 个（零报告 {zero} 个，迟报 {late} 个）；未报 {missing} 个。</translation>
    </message>
    <message>
      <source>Save the completeness report</source>
      <translation>保存日报完整性报表</translation>
    </message>
    <message>
      <source>completeness</source>
      <translation>日报完整性</translation>
    </message>
    <message>
      <source>{path} cannot be written ({reason}). Nothing was saved.</source>
      <translation>无法写入 {path}（{reason}）。未保存任何内容。</translation>
    </message>
    <message>
      <source>Saved: {path}</source>
      <translation>已保存：{path}</translation>
    </message>
    <message>
      <source>Unlock the office key</source>
      <translation>解锁区级密钥</translation>
    </message>
    <message>
      <source>Choose the office key (office.key)</source>
      <translation>选择区级密钥（office.key）</translation>
    </message>
    <message>
      <source>{file} cannot be read ({reason}).</source>
      <translation>无法读取 {file}（{reason}）。</translation>
    </message>
    <message>
      <source>Passphrase of the office key {file}:</source>
      <translation>区级密钥 {file} 的口令：</translation>
    </message>
    <message>
      <source>Checkpoint batches — district office</source>
      <translation>卡口批次 — 区疫情防控办</translation>
    </message>
    <message>
      <source>&amp;Stations</source>
      <translation>卡口(&amp;S)</translation>
    </message>
    <message>
      <source>&amp;Gaps</source>
      <translation>缺报(&amp;G)</translation>
    </message>
    <message>
      <source>Daily &amp;completeness</source>
      <translation>日报完整性(&amp;C)</translation>
    </message>
    <message>
      <source>&amp;Enroll station…</source>
      <translation>登记卡口(&amp;E)…</translation>
    </message>
    <message>
      <source>&amp;Import batches…</source>
      <translation>导入批次(&amp;I)…</translation>
    </message>
    <message>
      <source>Write &amp;acknowledgement to stick…</source>
      <translation>写回执到U盘(&amp;A)…</translation>
    </message>
    <message>
      <source>&amp;Refresh</source>
      <translation>刷新(&amp;R)</translation>
    </message>
    <message>
      <source>&amp;Quit</source>
      <translation>退出(&amp;Q)</translation>
    </message>
    <message>
      <source>&amp;Office</source>
      <translation>区级(&amp;O)</translation>
    </message>
    <message>
      <source>Office</source>
      <translation>区级</translation>
    </message>
    <message>
      <source>Enroll station</source>
      <translation>登记卡口</translation>
    </message>
    <message>
      <source>Enrollment file (enrollment-*.json);;*</source>
      <translation>登记文件 (enrollment-*.json);;*</translation>
    </message>
    <message>
      <source>Enroll station {code} “{name}” ({district})?

Ask the station's supervisor to read their fingerprint over the phone. Confirm only if it is the same as this one, digit for digit.</source>
      <translation>登记卡口 {code}“{name}”（{district}）？

请卡口负责人在电话里念出其指纹。只有与下面的指纹逐位相同时才确认。</translation>
    </message>
    <message>
      <source>Replace the station's key with the new one? Batches signed with the old key will no longer be accepted.</source>
      <translation>用新密钥替换该卡口的密钥？用旧密钥签名的批次将不再被接受。</translation>
    </message>
    <message>
      <source>Station {code} enrolled.</source>
      <translation>卡口 {code} 已登记。</translation>
    </message>
    <message>
      <source>Station {code} was already enrolled with this key: its name and sub-district were refreshed.</source>
      <translation>卡口 {code} 已用此密钥登记过：已更新其名称和街道。</translation>
    </message>
    <message>
      <source>Station {code}: its key was replaced.</source>
      <translation>卡口 {code}：密钥已替换。</translation>
    </message>
    <message>
      <source>Write acknowledgement to stick</source>
      <translation>写回执到U盘</translation>
    </message>
    <message>
      <source>Acknowledgement (回执) of {count} batches written to {target}. The stick can be removed (可以拔出U盘).</source>
      <translation>已将 {count} 个批次的回执写入 {target}。可以拔出U盘。</translation>
    </message>
  </context>
  <context>
    <name>Desk</name>
    <message>
      <source>Persons on foot (F2)</source>
      <translation>行人（F2）</translation>
    </message>
    <message>
      <source>Vehicles (F2)</source>
      <translation>车辆（F2）</translation>
    </message>
    <message>
      <source>nobody</source>
      <translation>无</translation>
    </message>
    <message>
      <source>, </source>
      <translation>、</translation>
    </message>
    <message>
      <source>Closed management: residents only; outsiders are refused (may still come in: {who}).</source>
      <translation>封闭式管理：非本小区居民和车辆禁止入内（仍可进入：{who}）。</translation>
    </message>
  </context>
  <context>
    <name>DutyStrip</name>
    <message>
      <source>No shift started</source>
      <translation>未开始值班</translation>
    </message>
    <message>
      <source>On duty since {since}: {names}</source>
      <translation>值班自 {since} 起：{names}</translation>
    </message>
    <message>
      <source>Seven ones (七个一) not checked</source>
      <translation>“七个一”未检查</translation>
    </message>
    <message>
      <source>Seven ones missing: {items}</source>
      <translation>七个一缺项：{items}</translation>
    </message>
    <message>
      <source>Handover note: {note}</source>
      <translation>交班说明：{note}</translation>
    </message>
    <message>
      <source>Open matters: {matters}</source>
      <translation>待办事项：{matters}</translation>
    </message>
    <message>
      <source>Missing since {since}: {item} — {note}</source>
      <translation>自 {since} 起缺项：{item} — {note}</translation>
    </message>
    <message>
      <source>Shift menu: F7 seven-ones check, F8 hand over.</source>
      <translation>值班菜单：F7 检查“七个一”，F8 交接班。</translation>
    </message>
  </context>
  <context>
    <name>EntryDetail</name>
    <message>
      <source>Entry No. {seq}</source>
      <translation>第 {seq} 号登记</translation>
    </message>
    <message>
      <source>Time</source>
      <translation>时间</translation>
    </message>
    <message>
      <source>Direction</source>
      <translation>进出</translation>
    </message>
    <message>
      <source>Category</source>
      <translation>类别</translation>
    </message>
    <message>
      <source>Name</source>
      <translation>姓名</translation>
    </message>
    <message>
      <source>ID document</source>
      <translation>证件</translation>
    </message>
    <message>
      <source>Phone</source>
      <translation>电话</translation>
    </message>
    <message>
      <source>Going to</source>
      <translation>去往</translation>
    </message>
    <message>
      <source>Purpose</source>
      <translation>事由</translation>
    </message>
    <message>
      <source>Came from</source>
      <translation>来自</translation>
    </message>
    <message>
      <source>Arrived on</source>
      <translation>到达日期</translation>
    </message>
    <message>
      <source>Temperature °C</source>
      <translation>体温(°C)</translation>
    </message>
    <message>
      <source>Symptoms</source>
      <translation>症状</translation>
    </message>
    <message>
      <source>Key area</source>
      <translation>重点地区</translation>
    </message>
    <message>
      <source>yes</source>
      <translation>是</translation>
    </message>
    <message>
      <source>no</source>
      <translation>否</translation>
    </message>
    <message>
      <source>Decision</source>
      <translation>处置</translation>
    </message>
    <message>
      <source>rule proposed: {decision}; reason: {reason}</source>
      <translation>规则建议：{decision}；理由：{reason}</translation>
    </message>
    <message>
      <source>Leaflet</source>
      <translation>宣传单</translation>
    </message>
    <message>
      <source>Notes</source>
      <translation>备注</translation>
    </message>
    <message>
      <source>Registered by</source>
      <translation>登记人</translation>
    </message>
    <message>
      <source>Plate</source>
      <translation>车牌</translation>
    </message>
    <message>
      <source>Occupant {n}</source>
      <translation>乘员 {n}</translation>
    </message>
    <message>
      <source>Void</source>
      <translation>作废</translation>
    </message>
    <message>
      <source>Void this entry…</source>
      <translation>作废此记录…</translation>
    </message>
    <message>
      <source>Correct…</source>
      <translation>更正…</translation>
    </message>
    <message>
      <source>Show full…</source>
      <translation>显示完整…</translation>
    </message>
    <message>
      <source>Supervisors only. You are asked why; each reveal is kept in the audit log.</source>
      <translation>仅限负责人。需说明原因；每次查看完整信息都记入审计日志。</translation>
    </message>
    <message>
      <source>Could not show the full value</source>
      <translation>无法显示完整信息</translation>
    </message>
    <message>
      <source>Show full value</source>
      <translation>显示完整信息</translation>
    </message>
    <message>
      <source>Why is the full value needed? (kept in the audit log)</source>
      <translation>为什么需要查看完整信息？（记入审计日志）</translation>
    </message>
    <message>
      <source>Corrected by No. {seq}…</source>
      <translation>已由 {seq} 号更正…</translation>
    </message>
    <message>
      <source>Corrects No. {seq}…</source>
      <translation>更正的是 {seq} 号…</translation>
    </message>
    <message>
      <source>Void entry</source>
      <translation>作废记录</translation>
    </message>
    <message>
      <source>Why is this entry void? (kept with the entry)</source>
      <translation>作废原因（随记录一并保存）：</translation>
    </message>
    <message>
      <source>Could not void the entry</source>
      <translation>未能作废</translation>
    </message>
    <message>
      <source>fever</source>
      <translation>发热</translation>
    </message>
    <message>
      <source>key area</source>
      <translation>重点地区</translation>
    </message>
  </context>
  <context>
    <name>EntryModel</name>
    <message>
      <source>No.</source>
      <translation>序号</translation>
    </message>
    <message>
      <source>Time</source>
      <translation>时间</translation>
    </message>
    <message>
      <source>In/out</source>
      <translation>进出</translation>
    </message>
    <message>
      <source>Category</source>
      <translation>类别</translation>
    </message>
    <message>
      <source>Name</source>
      <translation>姓名</translation>
    </message>
    <message>
      <source>ID number</source>
      <translation>证件号</translation>
    </message>
    <message>
      <source>Phone</source>
      <translation>电话</translation>
    </message>
    <message>
      <source>°C</source>
      <translation>体温</translation>
    </message>
    <message>
      <source>Key area</source>
      <translation>重点地区</translation>
    </message>
    <message>
      <source>Decision</source>
      <translation>处置</translation>
    </message>
    <message>
      <source>Void</source>
      <translation>作废</translation>
    </message>
    <message>
      <source>Vehicle {plate}: {count} persons on board</source>
      <translation>车辆 {plate}：车上 {count} 人</translation>
    </message>
    <message>
      <source>Resident</source>
      <translation>居民</translation>
    </message>
    <message>
      <source>Visitor</source>
      <translation>访客</translation>
    </message>
    <message>
      <source>Courier</source>
      <translation>快递</translation>
    </message>
    <message>
      <source>Staff</source>
      <translation>员工</translation>
    </message>
    <message>
      <source>Official</source>
      <translation>公务</translation>
    </message>
    <message>
      <source>Other</source>
      <translation>其他</translation>
    </message>
    <message>
      <source>Car</source>
      <translation>小车</translation>
    </message>
    <message>
      <source>Taxi</source>
      <translation>出租</translation>
    </message>
    <message>
      <source>Bus</source>
      <translation>客车</translation>
    </message>
    <message>
      <source>Goods</source>
      <translation>货车</translation>
    </message>
    <message>
      <source>Service</source>
      <translation>公务</translation>
    </message>
    <message>
      <source>Vehicle</source>
      <translation>车辆</translation>
    </message>
    <message>
      <source>Admit</source>
      <translation>放行</translation>
    </message>
    <message>
      <source>Refuse</source>
      <translation>劝返</translation>
    </message>
    <message>
      <source>Refer</source>
      <translation>转诊</translation>
    </message>
    <message>
      <source>{name} [void]</source>
      <translation>{name}（作废）</translation>
    </message>
    <message>
      <source>yes</source>
      <translation>是</translation>
    </message>
  </context>
  <context>
    <name>FiveDailiesDialog</name>
    <message>
      <source>Five dailies</source>
      <translation>五个每日</translation>
    </message>
    <message>
      <source>Day</source>
      <translation>日期</translation>
    </message>
    <message>
      <source>Room</source>
      <translation>房号</translation>
    </message>
    <message>
      <source>Name</source>
      <translation>姓名</translation>
    </message>
    <message>
      <source>{item}
by {time}</source>
      <translation>{item}
{time}前</translation>
    </message>
    <message>
      <source>note (optional), saved with the next tick</source>
      <translation>备注(可不填),随下一次勾选保存</translation>
    </message>
    <message>
      <source>Arrows move, Space ticks, digits type a reading and Enter saves it; Delete undoes a tick (supervisor).</source>
      <translation>方向键移动,空格勾选,输入数字填体温、回车保存;Delete 撤销勾选(负责人)。</translation>
    </message>
    <message>
      <source>{households} households, {persons} persons: {done} of {total} done, {overdue} overdue</source>
      <translation>{households} 户 {persons} 人:已完成 {done}/{total} 项,超时 {overdue} 项</translation>
    </message>
    <message>
      <source>Nobody is in home quarantine on this day.</source>
      <translation>当天没有居家隔离人员。</translation>
    </message>
    <message>
      <source>overdue</source>
      <translation>超时</translation>
    </message>
    <message>
      <source>{name} ({room}): {reading} °C at {time}</source>
      <translation>{name}({room}):{time} {reading} °C</translation>
    </message>
    <message>
      <source>Fever: {people}. Propose referral to the fever clinic (转诊) and call the community doctor.</source>
      <translation>发热:{people}。建议转诊至发热门诊,并通知社区医生。</translation>
    </message>
    <message>
      <source>Reading</source>
      <translation>体温</translation>
    </message>
    <message>
      <source>{item} for {name}:</source>
      <translation>{name} 的{item}:</translation>
    </message>
    <message>
      <source>{reading} °C for {name}: fever. Propose referral to the fever clinic.</source>
      <translation>{name} 体温 {reading} °C:发热。建议转诊至发热门诊。</translation>
    </message>
    <message>
      <source>{item} done for {name}.</source>
      <translation>{name} 的{item}已完成。</translation>
    </message>
    <message>
      <source>Undo tick</source>
      <translation>撤销勾选</translation>
    </message>
    <message>
      <source>Undo {item} for {name}? Tick it again afterwards.</source>
      <translation>撤销 {name} 的{item}?撤销后请重新勾选。</translation>
    </message>
    <message>
      <source>{item} for {name} undone.</source>
      <translation>已撤销 {name} 的{item}。</translation>
    </message>
  </context>
  <context>
    <name>IdleLock</name>
    <message>
      <source>The desk was locked because nobody used it. Log in to go on.</source>
      <translation>登记台长时间无人操作，已锁定。请登录后继续。</translation>
    </message>
    <message>
      <source>Checkpoint Register</source>
      <translation>卡口登记</translation>
    </message>
    <message>
      <source>Switch operator</source>
      <translation>切换值班人员</translation>
    </message>
    <message>
      <source>The form holds an entry that is not saved. If another operator logs in, it is cleared. Switch anyway?</source>
      <translation>表单中有尚未保存的登记。如由其他值班人员登录，表单将被清空。仍要切换吗？</translation>
    </message>
    <message>
      <source>Switch operator: the next operator chooses their name and types their PIN.</source>
      <translation>切换值班人员：接班人员选择自己的姓名并输入 PIN 码。</translation>
    </message>
    <message>
      <source>The entry the previous operator left unsaved was cleared.</source>
      <translation>上一位值班人员未保存的登记已清空。</translation>
    </message>
    <message>
      <source>At the desk: {name} ({role}).</source>
      <translation>当前值班：{name}（{role}）。</translation>
    </message>
  </context>
  <context>
    <name>InsidePanel</name>
    <message>
      <source>{days} d {hours} h</source>
      <translation>{days} 天 {hours} 小时</translation>
    </message>
    <message>
      <source>{hours} h {minutes} min</source>
      <translation>{hours} 小时 {minutes} 分</translation>
    </message>
    <message>
      <source>{minutes} min</source>
      <translation>{minutes} 分钟</translation>
    </message>
    <message>
      <source>Inside: {count} ({late} late)</source>
      <translation>在内：{count}（超时 {late}）</translation>
    </message>
    <message>
      <source>Inside: {count}</source>
      <translation>在内：{count}</translation>
    </message>
    <message>
      <source>Visitors and visitor vehicles that came in and have not been checked out. Click or press Ctrl+I to see them and check them out.</source>
      <translation>已进入且尚未登记离开的访客和访客车辆。点击或按 Ctrl+I 查看并登记离开。</translation>
    </message>
    <message>
      <source>Inside: –</source>
      <translation>在内：–</translation>
    </message>
    <message>
      <source>Inside now</source>
      <translation>在内人员</translation>
    </message>
    <message>
      <source>No.</source>
      <translation>序号</translation>
    </message>
    <message>
      <source>Name</source>
      <translation>姓名</translation>
    </message>
    <message>
      <source>Category</source>
      <translation>类别</translation>
    </message>
    <message>
      <source>Plate</source>
      <translation>车牌</translation>
    </message>
    <message>
      <source>People</source>
      <translation>人数</translation>
    </message>
    <message>
      <source>Destination</source>
      <translation>去往</translation>
    </message>
    <message>
      <source>Entered</source>
      <translation>进入时间</translation>
    </message>
    <message>
      <source>Time inside</source>
      <translation>在内时长</translation>
    </message>
    <message>
      <source>Check out (Enter)</source>
      <translation>登记离开 (Enter)</translation>
    </message>
    <message>
      <source>Refresh (F5)</source>
      <translation>刷新 (F5)</translation>
    </message>
    <message>
      <source>Close (Esc)</source>
      <translation>关闭 (Esc)</translation>
    </message>
    <message>
      <source>{time} · late</source>
      <translation>{time} · 超时</translation>
    </message>
    <message>
      <source>late: still inside after the late hour, or since an earlier day</source>
      <translation>超时：晚归时间后仍在内，或前一天进入至今未离开</translation>
    </message>
    <message>
      <source>Choose who is leaving in the list (arrow keys), then press Enter.</source>
      <translation>在列表中选择要离开的人（方向键），然后按 Enter。</translation>
    </message>
    <message>
      <source>No. {seq} {who} checked out (exit No. {exit}).</source>
      <translation>第 {seq} 号 {who} 已登记离开（离开登记第 {exit} 号）。</translation>
    </message>
  </context>
  <context>
    <name>JobRunner</name>
    <message>
      <source>Cancel</source>
      <translation>取消</translation>
    </message>
    <message>
      <source>Working…</source>
      <translation>正在处理…</translation>
    </message>
    <message>
      <source>Cancelling…</source>
      <translation>正在取消…</translation>
    </message>
    <message>
      <source>Please wait</source>
      <translation>请稍候</translation>
    </message>
    <message>
      <source>“{title}” is still running and cannot be stopped part way. Quit when it has finished.</source>
      <translation>“{title}”仍在进行中，不能中途停止。请等它完成后再退出。</translation>
    </message>
  </context>
  <context>
    <name>LockScreen</name>
    <message>
      <source>Locked — log in</source>
      <translation>已锁定 — 请登录</translation>
    </message>
    <message>
      <source>Log in (Enter)</source>
      <translation>登录（回车）</translation>
    </message>
  </context>
  <context>
    <name>LoginDialog</name>
    <message>
      <source>Log in</source>
      <translation>登录</translation>
    </message>
    <message>
      <source>Choose your name and type your PIN.</source>
      <translation>选择您的姓名并输入 PIN 码。</translation>
    </message>
    <message>
      <source>&amp;Operator</source>
      <translation>值班人员(&amp;O)</translation>
    </message>
    <message>
      <source>&amp;PIN</source>
      <translation>PIN 码(&amp;P)</translation>
    </message>
    <message>
      <source>Type your PIN, then press Enter.</source>
      <translation>请输入 PIN 码，然后按回车。</translation>
    </message>
    <message>
      <source>The station's supervisor</source>
      <translation>本站负责人</translation>
    </message>
    <message>
      <source>Every entry is signed by the operator logged in. First, the supervisor (负责人) of this station: they add the guards and volunteers and may see full ID numbers. The PIN is 6 to 12 digits; keep it to yourself.</source>
      <translation>每条登记都记在当前登录的值班人员名下。首先设置本站负责人：负责人添加值班员和志愿者，并可查看完整证件号码。PIN 码为 6 至 12 位数字，请勿告诉他人。</translation>
    </message>
    <message>
      <source>optional: so your birth date is refused as a PIN</source>
      <translation>可选：用于拒绝以出生日期作 PIN 码</translation>
    </message>
    <message>
      <source>&amp;Name</source>
      <translation>姓名(&amp;N)</translation>
    </message>
    <message>
      <source>PIN &amp;again</source>
      <translation>再次输入 PIN(&amp;A)</translation>
    </message>
    <message>
      <source>&amp;ID number</source>
      <translation>证件号码(&amp;I)</translation>
    </message>
    <message>
      <source>The two PINs differ: type the same PIN twice.</source>
      <translation>两次输入的 PIN 码不同，请输入相同的 PIN 码。</translation>
    </message>
    <message>
      <source>The register is encrypted: your PIN opens it. Choose your name and type your PIN.</source>
      <translation>登记簿已加密，用您的 PIN 码才能打开。请选择您的姓名并输入 PIN 码。</translation>
    </message>
  </context>
  <context>
    <name>MainWindow</name>
    <message>
      <source>Checkpoint Register</source>
      <translation>卡口登记</translation>
    </message>
    <message>
      <source>Opening the register…</source>
      <translation>正在打开登记簿…</translation>
    </message>
    <message>
      <source>&amp;Station</source>
      <translation>站点(&amp;S)</translation>
    </message>
    <message>
      <source>Settings…</source>
      <translation>设置…</translation>
    </message>
    <message>
      <source>Station profile…</source>
      <translation>站点信息…</translation>
    </message>
    <message>
      <source>Audit log…</source>
      <translation>审计日志…</translation>
    </message>
    <message>
      <source>Quit</source>
      <translation>退出</translation>
    </message>
    <message>
      <source>Daily report…</source>
      <translation>日报…</translation>
    </message>
    <message>
      <source>Switch operator…</source>
      <translation>切换值班人员…</translation>
    </message>
    <message>
      <source>Operators…</source>
      <translation>值班人员管理…</translation>
    </message>
    <message>
      <source>Residents…</source>
      <translation>住户…</translation>
    </message>
    <message>
      <source>Watchlist…</source>
      <translation>管控名单…</translation>
    </message>
    <message>
      <source>Five dailies…</source>
      <translation>五个每日…</translation>
    </message>
    <message>
      <source>&amp;Register</source>
      <translation>登记簿(&amp;R)</translation>
    </message>
    <message>
      <source>Search</source>
      <translation>搜索</translation>
    </message>
    <message>
      <source>New entry</source>
      <translation>新登记</translation>
    </message>
    <message>
      <source>Refresh</source>
      <translation>刷新</translation>
    </message>
    <message>
      <source>Persons / vehicles</source>
      <translation>行人 / 车辆</translation>
    </message>
    <message>
      <source>Find a resident</source>
      <translation>查找住户</translation>
    </message>
    <message>
      <source>Who is inside…</source>
      <translation>在内人员…</translation>
    </message>
    <message>
      <source>S&amp;hift</source>
      <translation>值班(&amp;H)</translation>
    </message>
    <message>
      <source>Start shift…</source>
      <translation>开始值班…</translation>
    </message>
    <message>
      <source>Seven-ones check…</source>
      <translation>“七个一”检查…</translation>
    </message>
    <message>
      <source>Hand over…</source>
      <translation>交接班…</translation>
    </message>
    <message>
      <source>End shift…</source>
      <translation>结束值班…</translation>
    </message>
    <message>
      <source>Saving is stopped: the register file is damaged (see the notice above).</source>
      <translation>已停止保存：登记簿文件已损坏（见上方提示）。</translation>
    </message>
    <message>
      <source>The form holds an entry that is not saved. Quit anyway and lose it?</source>
      <translation>表单中有尚未保存的登记。仍要退出并放弃它吗？</translation>
    </message>
    <message>
      <source>Could not open the entry</source>
      <translation>无法打开这条登记</translation>
    </message>
    <message>
      <source>No. {seq} is void. It is kept with its reason: choose “with void” above to see it.</source>
      <translation>第 {seq} 号登记已作废，连同理由一并保留：在上方选择“含作废”即可查看。</translation>
    </message>
    <message>
      <source>Correct entry</source>
      <translation>更正登记</translation>
    </message>
    <message>
      <source>The form holds details that are not saved. Discard them and load No. {seq} for correction?</source>
      <translation>表单中有尚未保存的信息。要放弃这些信息并载入第 {seq} 号登记进行更正吗？</translation>
    </message>
    <message>
      <source>Export batch (USB)…</source>
      <translation>导出批次(U盘)…</translation>
    </message>
    <message>
      <source>Batches ledger…</source>
      <translation>批次台账…</translation>
    </message>
    <message>
      <source>Office keys…</source>
      <translation>区级公钥…</translation>
    </message>
    <message>
      <source>Enrollment file…</source>
      <translation>登记文件…</translation>
    </message>
    <message>
      <source>Erase old people's data now…</source>
      <translation>立即删除过期个人信息…</translation>
    </message>
    <message>
      <source>Back up now…</source>
      <translation>立即备份…</translation>
    </message>
  </context>
  <context>
    <name>OperatorsDialog</name>
    <message>
      <source>Operators</source>
      <translation>值班人员</translation>
    </message>
    <message>
      <source>Name</source>
      <translation>姓名</translation>
    </message>
    <message>
      <source>Role</source>
      <translation>角色</translation>
    </message>
    <message>
      <source>Can log in</source>
      <translation>可登录</translation>
    </message>
    <message>
      <source>Locked until</source>
      <translation>锁定至</translation>
    </message>
    <message>
      <source>On duty</source>
      <translation>在岗</translation>
    </message>
    <message>
      <source>Selected operator</source>
      <translation>所选值班人员</translation>
    </message>
    <message>
      <source>Set new PIN</source>
      <translation>设置新 PIN 码</translation>
    </message>
    <message>
      <source>Lift lock</source>
      <translation>解除锁定</translation>
    </message>
    <message>
      <source>New PIN</source>
      <translation>新 PIN 码</translation>
    </message>
    <message>
      <source>New PIN again</source>
      <translation>再次输入新 PIN 码</translation>
    </message>
    <message>
      <source>Add an operator</source>
      <translation>添加值班人员</translation>
    </message>
    <message>
      <source>Add</source>
      <translation>添加</translation>
    </message>
    <message>
      <source>PIN</source>
      <translation>PIN 码</translation>
    </message>
    <message>
      <source>PIN again</source>
      <translation>再次输入 PIN 码</translation>
    </message>
    <message>
      <source>ID number</source>
      <translation>证件号码</translation>
    </message>
    <message>
      <source>yes</source>
      <translation>是</translation>
    </message>
    <message>
      <source>no PIN yet</source>
      <translation>尚无 PIN 码</translation>
    </message>
    <message>
      <source>off duty</source>
      <translation>已离岗</translation>
    </message>
    <message>
      <source>Make guard</source>
      <translation>改为值班员</translation>
    </message>
    <message>
      <source>Make supervisor</source>
      <translation>改为负责人</translation>
    </message>
    <message>
      <source>Take off duty</source>
      <translation>设为离岗</translation>
    </message>
    <message>
      <source>Put back on duty</source>
      <translation>恢复在岗</translation>
    </message>
    <message>
      <source>{name} was added and can log in now.</source>
      <translation>{name} 已添加，现在可以登录。</translation>
    </message>
    <message>
      <source>{name} has a new PIN; any lock is lifted.</source>
      <translation>{name} 的 PIN 码已更新，锁定（如有）已解除。</translation>
    </message>
    <message>
      <source>{name} may log in again.</source>
      <translation>{name} 可以重新登录了。</translation>
    </message>
    <message>
      <source>{name} is now {role}.</source>
      <translation>{name} 现为{role}。</translation>
    </message>
    <message>
      <source>{name} is off duty and cannot log in.</source>
      <translation>{name} 已离岗，不能登录。</translation>
    </message>
    <message>
      <source>{name} is back on duty.</source>
      <translation>{name} 已恢复在岗。</translation>
    </message>
    <message>
      <source>Your PIN or role changed, so your login ended. Log in again.</source>
      <translation>您的 PIN 码或角色已更改，登录已结束。请重新登录。</translation>
    </message>
  </context>
  <context>
    <name>RecentVehicles</name>
    <message>
      <source>Vehicles in the last hour</source>
      <translation>近一小时车辆</translation>
    </message>
    <message>
      <source>Time</source>
      <translation>时间</translation>
    </message>
    <message>
      <source>Plate</source>
      <translation>车牌</translation>
    </message>
    <message>
      <source>On board</source>
      <translation>车上人数</translation>
    </message>
    <message>
      <source>°C</source>
      <translation>°C</translation>
    </message>
    <message>
      <source>Decision</source>
      <translation>处置</translation>
    </message>
    <message>
      <source>Vehicles in the last hour: {count}</source>
      <translation>近一小时车辆：{count} 辆</translation>
    </message>
  </context>
  <context>
    <name>RegisterForm</name>
    <message>
      <source>Opening the register…</source>
      <translation>正在打开登记簿…</translation>
    </message>
    <message>
      <source>Type the number in front of an item to choose it.</source>
      <translation>输入选项前面的数字即可选中该项。</translation>
    </message>
    <message>
      <source>scan or type the number</source>
      <translation>扫描或输入证件号</translation>
    </message>
    <message>
      <source>11-digit mobile</source>
      <translation>11 位手机号</translation>
    </message>
    <message>
      <source>foreign</source>
      <translation>境外</translation>
    </message>
    <message>
      <source>building-unit-room or person visited</source>
      <translation>楼栋-单元-房号或被访人</translation>
    </message>
    <message>
      <source>(not given)</source>
      <translation>（未填）</translation>
    </message>
    <message>
      <source>city</source>
      <translation>城市</translation>
    </message>
    <message>
      <source>e.g. 11-20</source>
      <translation>如 11-20</translation>
    </message>
    <message>
      <source>date is right</source>
      <translation>日期无误</translation>
    </message>
    <message>
      <source>re-measure</source>
      <translation>复测</translation>
    </message>
    <message>
      <source>why the rule's proposal is overridden</source>
      <translation>不按建议处置的理由</translation>
    </message>
    <message>
      <source>leaflet handed out</source>
      <translation>已发放宣传单</translation>
    </message>
    <message>
      <source>Save (Enter)</source>
      <translation>保存 (Enter)</translation>
    </message>
    <message>
      <source>Clear (Esc)</source>
      <translation>清空 (Esc)</translation>
    </message>
    <message>
      <source>On duty</source>
      <translation>值班人员</translation>
    </message>
    <message>
      <source>&amp;Resident</source>
      <translation>住户(&amp;R)</translation>
    </message>
    <message>
      <source>&amp;Direction</source>
      <translation>进出(&amp;D)</translation>
    </message>
    <message>
      <source>&amp;Category</source>
      <translation>类别(&amp;C)</translation>
    </message>
    <message>
      <source>ID document</source>
      <translation>证件</translation>
    </message>
    <message>
      <source>Name</source>
      <translation>姓名</translation>
    </message>
    <message>
      <source>Phone</source>
      <translation>电话</translation>
    </message>
    <message>
      <source>Going to</source>
      <translation>去往</translation>
    </message>
    <message>
      <source>Purpose</source>
      <translation>事由</translation>
    </message>
    <message>
      <source>Came from</source>
      <translation>来自</translation>
    </message>
    <message>
      <source>Arrived on</source>
      <translation>到达日期</translation>
    </message>
    <message>
      <source>Temperature °C</source>
      <translation>体温(°C)</translation>
    </message>
    <message>
      <source>Second reading</source>
      <translation>复测</translation>
    </message>
    <message>
      <source>Symptoms</source>
      <translation>症状</translation>
    </message>
    <message>
      <source>Decision</source>
      <translation>处置</translation>
    </message>
    <message>
      <source>Reason</source>
      <translation>理由</translation>
    </message>
    <message>
      <source>Notes</source>
      <translation>备注</translation>
    </message>
    <message>
      <source>At or above {threshold} °C: re-measure (another method or after a few minutes' rest) and type the second reading.</source>
      <translation>达到或超过 {threshold} °C：请复测（换一种测温方式，或休息几分钟后再测），并填写复测体温。</translation>
    </message>
    <message>
      <source>Very low reading: a cold forehead. Measure again (e.g. at the wrist) and type the second reading.</source>
      <translation>读数过低：额头受冷所致。请重新测量（如测手腕），并填写复测体温。</translation>
    </message>
    <message>
      <source>Fever confirmed: {value} °C.</source>
      <translation>确认发热：{value} °C。</translation>
    </message>
    <message>
      <source>Normal: {value} °C.</source>
      <translation>体温正常：{value} °C。</translation>
    </message>
    <message>
      <source>As proposed: {decision}</source>
      <translation>按建议：{decision}</translation>
    </message>
    <message>
      <source>Key-area arrival. </source>
      <translation>来自重点地区。</translation>
    </message>
    <message>
      <source>male</source>
      <translation>男</translation>
    </message>
    <message>
      <source>female</source>
      <translation>女</translation>
    </message>
    <message>
      <source>Nobody on the residents list lives in {room}: check the room.</source>
      <translation>住户名单上没有住在 {room} 的人：请核对房号。</translation>
    </message>
    <message>
      <source>{name} ({role})</source>
      <translation>{name}（{role}）</translation>
    </message>
    <message>
      <source>Nobody is logged in: log in first (F9).</source>
      <translation>当前无人登录：请先登录（F9）。</translation>
    </message>
    <message>
      <source>Could not open the entry for correction</source>
      <translation>无法打开该登记进行更正</translation>
    </message>
    <message>
      <source>Known person: details from the last visit filled in. Check them.</source>
      <translation>已登记过的人员：已填入上次登记的信息，请核对。</translation>
    </message>
    <message>
      <source>Correct entry</source>
      <translation>更正登记</translation>
    </message>
    <message>
      <source>What was wrong in No. {seq}? (kept with the void entry)</source>
      <translation>第 {seq} 号登记哪里有误？（原因随作废记录一并保存）</translation>
    </message>
    <message>
      <source>Saved No. {seq} at {time}.</source>
      <translation>已保存第 {seq} 号登记（{time}）。</translation>
    </message>
    <message>
      <source>Not saved: {count} field(s) need attention.</source>
      <translation>未保存：有 {count} 项需要修改。</translation>
    </message>
    <message>
      <source>Correcting No. {seq}: change what was wrong and save. The old entry is kept as void. Esc cancels.</source>
      <translation>正在更正第 {seq} 号登记：修改有误之处后保存，原记录作废保留。按 Esc 取消。</translation>
    </message>
    <message>
      <source>read as {date}</source>
      <translation>读作 {date}</translation>
    </message>
    <message>
      <source>after today</source>
      <translation>晚于今天</translation>
    </message>
    <message>
      <source>{days} days ago</source>
      <translation>{days} 天前</translation>
    </message>
    <message>
      <source>fever</source>
      <translation>发热</translation>
    </message>
    <message>
      <source>short of breath</source>
      <translation>呼吸困难</translation>
    </message>
    <message>
      <source>key area</source>
      <translation>重点地区</translation>
    </message>
    <message>
      <source>symptoms</source>
      <translation>有症状</translation>
    </message>
    <message>
      <source>the guard's decision</source>
      <translation>值班人员决定</translation>
    </message>
    <message>
      <source>, </source>
      <translation>、</translation>
    </message>
    <message>
      <source>{decision} ({reasons})</source>
      <translation>{decision}（{reasons}）</translation>
    </message>
    <message>
      <source>Last entry under this ID, on {date}: {outcome}.</source>
      <translation>此证件上次登记（{date}）：{outcome}。</translation>
    </message>
    <message>
      <source>Earlier entry under this ID, on {date}: {outcome}.</source>
      <translation>此证件曾于 {date} 登记：{outcome}。</translation>
    </message>
    <message>
      <source>Registered then as {name}.</source>
      <translation>当时登记的姓名是 {name}。</translation>
    </message>
    <message>
      <source>Last registered under this ID as {name}.</source>
      <translation>上次以此证件登记的姓名是 {name}。</translation>
    </message>
    <message>
      <source>Form cleared. Ctrl+Z brings back what was typed.</source>
      <translation>已清空。按 Ctrl+Z 可恢复刚才填写的内容。</translation>
    </message>
    <message>
      <source>What was typed is back.</source>
      <translation>已恢复刚才填写的内容。</translation>
    </message>
  </context>
  <context>
    <name>RegisterView</name>
    <message>
      <source>Date range</source>
      <translation>日期</translation>
    </message>
    <message>
      <source>in/out: all</source>
      <translation>进出：全部</translation>
    </message>
    <message>
      <source>category: all</source>
      <translation>类别：全部</translation>
    </message>
    <message>
      <source>fever: all</source>
      <translation>发热：全部</translation>
    </message>
    <message>
      <source>fever only</source>
      <translation>仅发热</translation>
    </message>
    <message>
      <source>no fever</source>
      <translation>未发热</translation>
    </message>
    <message>
      <source>key area: all</source>
      <translation>重点地区：全部</translation>
    </message>
    <message>
      <source>key area only</source>
      <translation>仅重点地区</translation>
    </message>
    <message>
      <source>not key area</source>
      <translation>非重点地区</translation>
    </message>
    <message>
      <source>decision: all</source>
      <translation>处置：全部</translation>
    </message>
    <message>
      <source>hide void</source>
      <translation>隐藏作废</translation>
    </message>
    <message>
      <source>with void</source>
      <translation>含作废</translation>
    </message>
    <message>
      <source>void only</source>
      <translation>仅作废</translation>
    </message>
    <message>
      <source>search: name, ID or phone digits, passport, plate (Ctrl+F)</source>
      <translation>搜索：姓名、证件或电话号码、护照号、车牌号 (Ctrl+F)</translation>
    </message>
    <message>
      <source>Chinese or letters: a name (any part). Digits: part of an ID number or phone (3 or more). Letters and digits: a passport or permit number. Enter or Down: to the results.</source>
      <translation>输入汉字或字母：按姓名（任意部分）查找。输入数字：按证件号码或电话的一部分（至少 3 位）查找。字母加数字：按护照或通行证号码查找。按回车或↓键进入结果列表。</translation>
    </message>
    <message>
      <source>Found: more than {cap}</source>
      <translation>找到：超过 {cap} 条</translation>
    </message>
    <message>
      <source>Found: {count}</source>
      <translation>找到：{count} 条</translation>
    </message>
    <message>
      <source>Type at least 3 digits or letters of the ID document or phone.</source>
      <translation>请至少输入证件号码或电话的 3 位数字或字母。</translation>
    </message>
    <message>
      <source>Names</source>
      <translation>姓名</translation>
    </message>
    <message>
      <source>ID numbers and phones</source>
      <translation>证件号码和电话</translation>
    </message>
    <message>
      <source>Licence plates</source>
      <translation>车牌号</translation>
    </message>
    <message>
      <source>ID document numbers and licence plates</source>
      <translation>证件号码和车牌号</translation>
    </message>
    <message>
      <source>ID document numbers</source>
      <translation>证件号码</translation>
    </message>
    <message>
      <source>Phones</source>
      <translation>电话</translation>
    </message>
    <message>
      <source>Search and filters cleared to show No. {seq}, just saved.</source>
      <translation>已清除搜索和筛选，以显示刚保存的 {seq} 号。</translation>
    </message>
    <message>
      <source>The first day is after the last day.</source>
      <translation>开始日期晚于结束日期。</translation>
    </message>
  </context>
  <context>
    <name>ReportChart</name>
    <message>
      <source>In</source>
      <translation>进</translation>
    </message>
    <message>
      <source>Out</source>
      <translation>出</translation>
    </message>
    <message>
      <source>Hourly traffic</source>
      <translation>每小时通行量</translation>
    </message>
    <message>
      <source>{hour}: {entered} in, {left} out</source>
      <translation>{hour}：进 {entered}，出 {left}</translation>
    </message>
  </context>
  <context>
    <name>ReportRender</name>
    <message>
      <source>No Chinese font is installed, so the report cannot be drawn. Install one (on Debian or Ubuntu: sudo apt-get install fonts-wqy-microhei) and try again.</source>
      <translation>未安装中文字体，无法生成日报。请安装一个（Debian 或 Ubuntu：sudo apt-get install fonts-wqy-microhei）后再试。</translation>
    </message>
    <message>
      <source>{title} · made by {operator} at {time} · page {page}</source>
      <translation>{title} · 制表：{operator} · {time} · 第 {page} 页</translation>
    </message>
    <message>
      <source>{station} — {title}</source>
      <translation>{station} — {title}</translation>
    </message>
    <message>
      <source>Hourly traffic (people let through, by the hour)</source>
      <translation>每小时通行量（按小时统计的放行人数）</translation>
    </message>
    <message>
      <source>No shift was recorded on duty this day.</source>
      <translation>当天没有记录在岗的班次。</translation>
    </message>
    <message>
      <source>Nobody to follow up on this day.</source>
      <translation>当天没有需跟进的人员。</translation>
    </message>
    <message>
      <source>Checkpoint Register</source>
      <translation>卡口登记</translation>
    </message>
  </context>
  <context>
    <name>ReportWindow</name>
    <message>
      <source>Daily report</source>
      <translation>日报</translation>
    </message>
    <message>
      <source>&amp;Day:</source>
      <translation>日期(&amp;D)：</translation>
    </message>
    <message>
      <source>Include the personal &amp;appendix (names of the persons to follow up; supervisor only)</source>
      <translation>附带个人信息附件(&amp;A)（需跟进人员的姓名；仅限负责人）</translation>
    </message>
    <message>
      <source>GB18030 is what Chinese Excel opens by default; UTF-8 with a BOM suits newer Excel and other programs.</source>
      <translation>中文版 Excel 默认打开 GB18030；带 BOM 的 UTF-8 适用于较新的 Excel 和其他程序。</translation>
    </message>
    <message>
      <source>Save &amp;CSV…</source>
      <translation>保存 CSV(&amp;C)…</translation>
    </message>
    <message>
      <source>Save &amp;PDF…</source>
      <translation>保存 PDF(&amp;P)…</translation>
    </message>
    <message>
      <source>P&amp;rint…</source>
      <translation>打印(&amp;R)…</translation>
    </message>
    <message>
      <source>Close</source>
      <translation>关闭</translation>
    </message>
    <message>
      <source>Counting…</source>
      <translation>正在统计…</translation>
    </message>
    <message>
      <source>daily-report</source>
      <translation>日报</translation>
    </message>
    <message>
      <source>Save the report as PDF</source>
      <translation>将日报保存为 PDF</translation>
    </message>
    <message>
      <source>Save the figures as CSV</source>
      <translation>将数据保存为 CSV</translation>
    </message>
    <message>
      <source>Print the report</source>
      <translation>打印日报</translation>
    </message>
    <message>
      <source>Saved: {path}</source>
      <translation>已保存：{path}</translation>
    </message>
  </context>
  <context>
    <name>ResidentFind</name>
    <message>
      <source>room 3-5-502, phone tail, plate, ID or scan the pass (F3)</source>
      <translation>房号 3-5-502、手机尾号、车牌、身份证号或扫出入证（F3）</translation>
    </message>
    <message>
      <source>Not this resident</source>
      <translation>不是此住户</translation>
    </message>
    <message>
      <source>No resident has pass {code}.</source>
      <translation>没有出入证号为 {code} 的住户。</translation>
    </message>
    <message>
      <source>No resident found for “{code}”: check it, or register the person as typed.</source>
      <translation>未找到“{code}”对应的住户：请核对，或按外来人员登记。</translation>
    </message>
    <message>
      <source>{count} residents match: type more to narrow it down.</source>
      <translation>有 {count} 位住户符合：请多输入几位以缩小范围。</translation>
    </message>
    <message>
      <source>Resident {card}</source>
      <translation>住户 {card}</translation>
    </message>
  </context>
  <context>
    <name>ResidentsDialog</name>
    <message>
      <source>Residents</source>
      <translation>住户</translation>
    </message>
    <message>
      <source>Room (3-5-502), last 4 digits of the phone, or part of the name</source>
      <translation>房号（3-5-502）、手机后4位或姓名的一部分</translation>
    </message>
    <message>
      <source>Show moved out</source>
      <translation>显示已搬离</translation>
    </message>
    <message>
      <source>Moved out</source>
      <translation>已搬离</translation>
    </message>
    <message>
      <source>New resident</source>
      <translation>新住户</translation>
    </message>
    <message>
      <source>several separated by 、</source>
      <translation>多个用“、”分隔</translation>
    </message>
    <message>
      <source>New</source>
      <translation>新建</translation>
    </message>
    <message>
      <source>Edit selected</source>
      <translation>编辑所选</translation>
    </message>
    <message>
      <source>Save</source>
      <translation>保存</translation>
    </message>
    <message>
      <source>Mark moved out</source>
      <translation>标记搬离</translation>
    </message>
    <message>
      <source>Import list…</source>
      <translation>导入名单…</translation>
    </message>
    <message>
      <source>yes</source>
      <translation>是</translation>
    </message>
    <message>
      <source>{shown} of {count} residents shown</source>
      <translation>显示 {shown} / {count} 位住户</translation>
    </message>
    <message>
      <source>Editing the resident of {room}</source>
      <translation>正在编辑 {room} 的住户</translation>
    </message>
    <message>
      <source>The resident of {room} was saved.</source>
      <translation>{room} 的住户已保存。</translation>
    </message>
    <message>
      <source>A resident of {room} was added.</source>
      <translation>已添加 {room} 的住户。</translation>
    </message>
    <message>
      <source>Mark the resident {name} of {room} as moved out today? They will no longer pass as a resident.</source>
      <translation>将 {room} 的住户 {name} 标记为今天搬离？此后将不再按住户放行。</translation>
    </message>
    <message>
      <source>The resident of {room} is marked moved out.</source>
      <translation>{room} 的住户已标记为搬离。</translation>
    </message>
    <message>
      <source>Imported {imported}, updated {updated}, rejected {rejected}.</source>
      <translation>已导入 {imported}，已更新 {updated}，已拒绝 {rejected}。</translation>
    </message>
    <message>
      <source>The import was cancelled; nothing was changed.</source>
      <translation>导入已取消；未做任何修改。</translation>
    </message>
    <message>
      <source>Name</source>
      <translation>姓名</translation>
    </message>
    <message>
      <source>Room</source>
      <translation>楼栋单元房号</translation>
    </message>
    <message>
      <source>Phone</source>
      <translation>手机</translation>
    </message>
    <message>
      <source>ID number</source>
      <translation>身份证号</translation>
    </message>
    <message>
      <source>Plates</source>
      <translation>车牌</translation>
    </message>
    <message>
      <source>Pass code</source>
      <translation>出入证号</translation>
    </message>
    <message>
      <source>File</source>
      <translation>文件</translation>
    </message>
    <message>
      <source>Import residents</source>
      <translation>导入住户</translation>
    </message>
    <message>
      <source>{file} ({kind}): {valid} rows can be imported, {rejected} rows are rejected.</source>
      <translation>{file}（{kind}）：{valid} 行可导入，{rejected} 行被拒绝。</translation>
    </message>
    <message>
      <source>Line</source>
      <translation>行号</translation>
    </message>
    <message>
      <source>Why</source>
      <translation>原因</translation>
    </message>
    <message>
      <source>Save rejected rows…</source>
      <translation>保存被拒绝的行…</translation>
    </message>
    <message>
      <source>Import {count} rows</source>
      <translation>导入 {count} 行</translation>
    </message>
    <message>
      <source>Save rejected rows</source>
      <translation>保存被拒绝的行</translation>
    </message>
    <message>
      <source>rejected rows.csv</source>
      <translation>被拒绝的行.csv</translation>
    </message>
    <message>
      <source>{path} cannot be written ({reason}). Choose another file or folder.</source>
      <translation>无法写入 {path}（{reason}）。请选择其他文件或文件夹。</translation>
    </message>
    <message>
      <source>{count} rejected rows saved to {path}.</source>
      <translation>已将 {count} 行被拒绝的记录保存到 {path}。</translation>
    </message>
    <message>
      <source>Residents lists (*.csv *.xlsx *.txt)</source>
      <translation>住户名单 (*.csv *.xlsx *.txt)</translation>
    </message>
  </context>
  <context>
    <name>Retention</name>
    <message>
      <source>{count} entries older than the retention period (since {day}) still hold people's data: the district office has not acknowledged them yet. Take the next batch to the office and bring its acknowledgement back.</source>
      <translation>有 {count} 条超过保存期限的登记（自 {day} 起）仍含个人信息：区疫情防控办尚未回执。请将下一批数据交到防控办，并带回回执。</translation>
    </message>
    <message>
      <source>The register file could not be rewritten yet (is the disk full?): old copies of the erased values stay in its unused space until a run succeeds. It is tried again at the next start and every day.</source>
      <translation>登记簿文件暂时无法重写（磁盘是否已满？）：已删除内容的旧副本仍留在文件的空闲空间中，直到重写成功为止。下次启动时及每天都会重试。</translation>
    </message>
    <message>
      <source>Nothing was erased: no entry the district office has acknowledged is older than the retention period.</source>
      <translation>没有删除任何信息：区疫情防控办已回执的登记都未超过保存期限。</translation>
    </message>
    <message>
      <source>People's data of {passages} entries ({persons} persons) was erased. Entries before {day} no longer hold any.</source>
      <translation>已删除 {passages} 条登记（{persons} 人）的个人信息。{day} 之前的登记不再含个人信息。</translation>
    </message>
    <message>
      <source>Also erased: {watches} watchlist entries that ended and {residents} residents who moved out more than the retention period ago.</source>
      <translation>另已删除：{watches} 条已结束的隔离/观察名单记录，以及 {residents} 名搬离已超过保存期限的住户的个人信息。</translation>
    </message>
    <message>
      <source>Erase old people's data</source>
      <translation>删除过期个人信息</translation>
    </message>
    <message>
      <source>Erase the names, ID numbers, phones, addresses and notes of entries older than {days} days that the district office has acknowledged, of watchlist entries that ended and of residents who moved out more than {days} days ago? The counts stay; the data cannot be brought back.</source>
      <translation>删除超过 {days} 天、且区疫情防控办已回执的登记，以及结束超过 {days} 天的隔离/观察名单记录和搬离超过 {days} 天的住户中的姓名、证件号、电话、地址和备注？统计数字保留；删除后无法恢复。</translation>
    </message>
  </context>
  <context>
    <name>SettingsDialog</name>
    <message>
      <source>Settings</source>
      <translation>设置</translation>
    </message>
    <message>
      <source>one per line: 湖北 or 湖北/武汉</source>
      <translation>每行一个：湖北 或 湖北/武汉</translation>
    </message>
    <message>
      <source> days</source>
      <translation> 天</translation>
    </message>
    <message>
      <source>An arrival date after today, or further back than this, is accepted only when the guard ticks “date is right”.</source>
      <translation>到达日期晚于今天或早于此天数时，须值班人员勾选“日期无误”才能保存。</translation>
    </message>
    <message>
      <source> minutes</source>
      <translation> 分钟</translation>
    </message>
    <message>
      <source>With no key pressed and no mouse used for this long, the desk locks and the operator logs in again.</source>
      <translation>键盘和鼠标在这段时间内无操作时，登记台自动锁定，值班人员需重新登录。</translation>
    </message>
    <message>
      <source>Closed management: outsiders are refused</source>
      <translation>封闭式管理：外来人员劝返</translation>
    </message>
    <message>
      <source>e.g. JB (empty: no pass scanner)</source>
      <translation>例如 JB（留空：不用扫码枪）</translation>
    </message>
    <message>
      <source>Visitors still inside after this time (or since an earlier day) are highlighted in the list of who is inside.</source>
      <translation>此时间后仍在内（或前一天进入至今）的访客在“在内人员”列表中突出显示。</translation>
    </message>
    <message>
      <source>An entry not checked out counts as inside for this many days, today included; older ones are taken to have left.</source>
      <translation>未登记离开的进入登记在这些天内（含今天）计为在内；更早的视为已离开。</translation>
    </message>
    <message>
      <source>Names, ID numbers, phones, addresses and notes of older entries are erased once the district office has acknowledged them; so are those of watchlist entries that ended and of residents who moved out this long ago. The counts stay.</source>
      <translation>较早登记的姓名、证件号、电话、地址和备注在区疫情防控办回执后删除；已结束这么久的隔离/观察名单记录和已搬离这么久的住户的个人信息也一并删除。统计数字保留。</translation>
    </message>
    <message>
      <source>Large font, high contrast (outdoors)</source>
      <translation>大字体、高对比度（户外）</translation>
    </message>
    <message>
      <source>Station profile…</source>
      <translation>站点信息…</translation>
    </message>
    <message>
      <source>Fever threshold</source>
      <translation>发热阈值</translation>
    </message>
    <message>
      <source>Key areas</source>
      <translation>重点地区</translation>
    </message>
    <message>
      <source>Observation window</source>
      <translation>观察期</translation>
    </message>
    <message>
      <source>Confirm arrival dates older than</source>
      <translation>到达日期早于多少天须确认</translation>
    </message>
    <message>
      <source>Lock the desk after</source>
      <translation>无操作自动锁定</translation>
    </message>
    <message>
      <source>Identity registered in a vehicle</source>
      <translation>车内人员登记身份</translation>
    </message>
    <message>
      <source>Most people per vehicle</source>
      <translation>每车最多人数</translation>
    </message>
    <message>
      <source>Compound gate</source>
      <translation>小区卡口</translation>
    </message>
    <message>
      <source>May still come in</source>
      <translation>仍可进入</translation>
    </message>
    <message>
      <source>Resident passes start with</source>
      <translation>出入证号开头</translation>
    </message>
    <message>
      <source>Visitors inside are late after</source>
      <translation>访客超时时间</translation>
    </message>
    <message>
      <source>Count as inside for</source>
      <translation>在内计算天数</translation>
    </message>
    <message>
      <source>Keep people's data for</source>
      <translation>个人信息保存</translation>
    </message>
    <message>
      <source>Language (after restart)</source>
      <translation>语言（重启后生效）</translation>
    </message>
    <message>
      <source>The display settings could not be written to the data folder.</source>
      <translation>无法把显示设置写入数据文件夹。</translation>
    </message>
  </context>
  <context>
    <name>ShiftDialogs</name>
    <message>
      <source>Start shift</source>
      <translation>开始值班</translation>
    </message>
    <message>
      <source>Tick everyone on duty (当班) in this shift: Space ticks, the arrow keys move. Then Enter; the seven-ones (七个一) check follows.</source>
      <translation>勾选本班次所有当班人员：空格键勾选，方向键移动。然后按回车；接着进行“七个一”检查。</translation>
    </message>
    <message>
      <source>Seven-ones check (七个一)</source>
      <translation>“七个一”检查</translation>
    </message>
    <message>
      <source>Look at each item at the gate. Tick what is present (Space); for a missing item (缺项) say in its note what is missing and what is being done. Measure someone on duty with the thermometer and type the reading. Enter or Ctrl+S saves.</source>
      <translation>逐项查看卡口。在位的项目请勾选（空格键）；缺项请在说明中写明缺什么、正在如何处理。用测温仪给一名当班人员测温并填写读数。按回车或 Ctrl+S 保存。</translation>
    </message>
    <message>
      <source>Present</source>
      <translation>在位</translation>
    </message>
    <message>
      <source>Reference °C</source>
      <translation>参考体温 °C</translation>
    </message>
    <message>
      <source>Note (when missing)</source>
      <translation>说明（缺项时填写）</translation>
    </message>
    <message>
      <source>The thermometer's reading of someone on duty: from 35.5 °C up to the fever threshold it works; outside, it may be broken.</source>
      <translation>测温仪给当班人员测得的读数：在 35.5 °C 至发热标准之间说明测温仪正常；超出此范围则可能已损坏。</translation>
    </message>
    <message>
      <source>Save check</source>
      <translation>保存检查</translation>
    </message>
    <message>
      <source>Reference reading</source>
      <translation>参考读数</translation>
    </message>
    <message>
      <source>{item}: {problem}</source>
      <translation>{item}：{problem}</translation>
    </message>
    <message>
      <source>Hand over (交接班)</source>
      <translation>交接班</translation>
    </message>
    <message>
      <source>what the next shift must follow up</source>
      <translation>下一班需要跟进的事项</translation>
    </message>
    <message>
      <source>&amp;Handing over</source>
      <translation>交班人(&amp;H)</translation>
    </message>
    <message>
      <source>&amp;Taking over</source>
      <translation>接班人(&amp;T)</translation>
    </message>
    <message>
      <source>Also on &amp;duty</source>
      <translation>其他当班人员(&amp;D)</translation>
    </message>
    <message>
      <source>&amp;Note</source>
      <translation>交班说明(&amp;N)</translation>
    </message>
    <message>
      <source>&amp;Open matters</source>
      <translation>待办事项(&amp;O)</translation>
    </message>
    <message>
      <source>The shift on duty since {since}: {names}.</source>
      <translation>自 {since} 起值班的班次：{names}。</translation>
    </message>
    <message>
      <source>Hand over</source>
      <translation>交接班</translation>
    </message>
    <message>
      <source>No shift on duty</source>
      <translation>没有班次在值班</translation>
    </message>
    <message>
      <source>No shift is on duty: start one first (Shift menu, F6).</source>
      <translation>当前没有班次在值班：请先开始值班（值班菜单，F6）。</translation>
    </message>
    <message>
      <source>A shift is on duty</source>
      <translation>已有班次在值班</translation>
    </message>
    <message>
      <source>The shift on duty since {since} is still open: hand it over (F8) or end it first.</source>
      <translation>自 {since} 起值班的班次尚未结束：请先交接班（F8）或结束该班次。</translation>
    </message>
    <message>
      <source>Handed over: {name} takes over the desk and logs in with their PIN.</source>
      <translation>已交接班：由 {name} 接班，请输入其 PIN 码登录。</translation>
    </message>
    <message>
      <source>The shift is handed over, but {name} has not logged in: the desk is still {current}'s. Log in with F9, then do the seven-ones check (F7).</source>
      <translation>已交接班，但 {name} 尚未登录：本机仍由 {current} 使用。请按 F9 登录，再做七个一检查（F7）。</translation>
    </message>
    <message>
      <source>End shift</source>
      <translation>结束值班</translation>
    </message>
    <message>
      <source>End the shift on duty since {since} without handing over? A note (why, e.g. the post closes for the night):</source>
      <translation>不交接班，直接结束自 {since} 起值班的班次吗？请填写说明（原因，例如卡口夜间关闭）：</translation>
    </message>
    <message>
      <source>Start a shift?</source>
      <translation>开始值班？</translation>
    </message>
    <message>
      <source>No shift is on duty (值班). Start one now, with the seven-ones (七个一) check?</source>
      <translation>当前没有班次在值班。现在开始值班并进行“七个一”检查吗？</translation>
    </message>
  </context>
  <context>
    <name>StationDialog</name>
    <message>
      <source>Quit without setting up the station?</source>
      <translation>不设置站点就退出吗？</translation>
    </message>
    <message>
      <source>The register needs this laptop's station profile (name, code, district) before the first entry, so the app will close. Nothing has been saved; it asks again at the next start.

Quit now?</source>
      <translation>第一次登记前需要设置本机的站点信息（名称、代码、所在区县），否则程序将关闭。目前没有保存任何内容；下次启动时会再次询问。

现在退出吗？</translation>
    </message>
    <message>
      <source>Station profile</source>
      <translation>站点信息</translation>
    </message>
    <message>
      <source>(choose)</source>
      <translation>（请选择）</translation>
    </message>
    <message>
      <source>Station name</source>
      <translation>站点名称</translation>
    </message>
    <message>
      <source>Station code</source>
      <translation>站点编码</translation>
    </message>
    <message>
      <source>Kind of station</source>
      <translation>站点类型</translation>
    </message>
    <message>
      <source>District</source>
      <translation>区县</translation>
    </message>
    <message>
      <source>Province</source>
      <translation>省份</translation>
    </message>
    <message>
      <source>Set up this laptop's station once. The code identifies its exports and must be unique in your district.</source>
      <translation>本机所在站点只需设置一次。站点编码用于标识本机导出的数据，在本区县内不得重复。</translation>
    </message>
  </context>
  <context>
    <name>StatusStrip</name>
    <message>
      <source>Today: in {entered} · out {left} · visitors {visitors} · fevers {fevers} · refused {refused} · referred {referred} · key area {key_area}</source>
      <translation>今日：进 {entered} · 出 {left} · 访客 {visitors} · 发热 {fevers} · 劝返 {refused} · 转诊 {referred} · 重点地区 {key_area}</translation>
    </message>
    <message>
      <source>vehicles {vehicles} (in {vehicles_in}, out {vehicles_out}) · leaflets {leaflets}</source>
      <translation>车辆 {vehicles}（进 {vehicles_in}，出 {vehicles_out}）· 宣传单 {leaflets}</translation>
    </message>
    <message>
      <source>&lt;b&gt;Today's vehicles by kind&lt;/b&gt;: {kinds}; persons aboard: {aboard}.</source>
      <translation>&lt;b&gt;今日车辆分类&lt;/b&gt;：{kinds}；车上人员：{aboard} 人。</translation>
    </message>
    <message>
      <source>Counts of today's entries; void entries are not counted. A person who passes twice counts twice.</source>
      <translation>今日登记的计数；作废的登记不计。同一人进出两次计两次。</translation>
    </message>
    <message>
      <source>&lt;b&gt;in&lt;/b&gt;: let in (admitted, going in).</source>
      <translation>&lt;b&gt;进&lt;/b&gt;：放行进入的人次。</translation>
    </message>
    <message>
      <source>&lt;b&gt;out&lt;/b&gt;: let out (admitted, going out).</source>
      <translation>&lt;b&gt;出&lt;/b&gt;：放行外出的人次。</translation>
    </message>
    <message>
      <source>&lt;b&gt;visitors&lt;/b&gt;: of those let in, everyone who is not a resident (visitors, couriers, staff, officials, others).</source>
      <translation>&lt;b&gt;访客&lt;/b&gt;：放行进入者中的非本小区居民（访客、快递、工作人员、公务、其他）。</translation>
    </message>
    <message>
      <source>&lt;b&gt;fevers&lt;/b&gt;: fever confirmed on the second reading, whatever was decided.</source>
      <translation>&lt;b&gt;发热&lt;/b&gt;：复测确认发热的人次，不论如何处置。</translation>
    </message>
    <message>
      <source>&lt;b&gt;refused&lt;/b&gt;: turned away: they did not pass and are not in 'in' or 'out'.</source>
      <translation>&lt;b&gt;劝返&lt;/b&gt;：被劝返的人次：未通行，不计入“进”或“出”。</translation>
    </message>
    <message>
      <source>&lt;b&gt;referred&lt;/b&gt;: sent to the fever clinic: they did not pass either.</source>
      <translation>&lt;b&gt;转诊&lt;/b&gt;：转发热门诊的人次：同样未通行。</translation>
    </message>
    <message>
      <source>&lt;b&gt;key area&lt;/b&gt;: arrivals from a key area within the observation window, whatever was decided.</source>
      <translation>&lt;b&gt;重点地区&lt;/b&gt;：观察期内来自重点地区的人次，不论如何处置。</translation>
    </message>
    <message>
      <source>&lt;b&gt;vehicles&lt;/b&gt;: vehicles checked, whatever was decided; in brackets, those let in and those let out. The persons aboard count above as persons.</source>
      <translation>&lt;b&gt;车辆&lt;/b&gt;：检查的车辆数，不论如何处置；括号内为放行进入和放行外出的车辆数。车上人员按人次计入上面各项。</translation>
    </message>
    <message>
      <source>&lt;b&gt;leaflets&lt;/b&gt;: leaflets handed out, to persons on foot and to vehicles.</source>
      <translation>&lt;b&gt;宣传单&lt;/b&gt;：发放宣传单的次数（步行人员和车辆）。</translation>
    </message>
  </context>
  <context>
    <name>VehicleForm</name>
    <message>
      <source>— none (WJ, 使, military)</source>
      <translation>— 无省份（武警、使馆、军车）</translation>
    </message>
    <message>
      <source>Type the province's number (42 = 鄂) or its pinyin initial (e = 鄂); again to step through those with the same initial.</source>
      <translation>输入省份代码（42 即鄂）或拼音首字母（e 即鄂）；再按同一字母可依次切换。</translation>
    </message>
    <message>
      <source>e.g. A12345</source>
      <translation>如 A12345</translation>
    </message>
    <message>
      <source>&amp;temporary / unreadable</source>
      <translation>临时或无法辨认(&amp;T)</translation>
    </message>
    <message>
      <source>people on board</source>
      <translation>车上人数</translation>
    </message>
    <message>
      <source>(not given)</source>
      <translation>（未填）</translation>
    </message>
    <message>
      <source>city</source>
      <translation>城市</translation>
    </message>
    <message>
      <source>e.g. 11-20</source>
      <translation>如 11-20</translation>
    </message>
    <message>
      <source>where to (optional)</source>
      <translation>去往何处（可不填）</translation>
    </message>
    <message>
      <source>why the rule's proposal is overridden</source>
      <translation>为何不按建议处置</translation>
    </message>
    <message>
      <source>&amp;leaflet handed out</source>
      <translation>已发放宣传单(&amp;L)</translation>
    </message>
    <message>
      <source>Save (Enter)</source>
      <translation>保存（Enter）</translation>
    </message>
    <message>
      <source>Clear (Esc)</source>
      <translation>清空（Esc）</translation>
    </message>
    <message>
      <source>On duty</source>
      <translation>值班员</translation>
    </message>
    <message>
      <source>&amp;Direction</source>
      <translation>进出(&amp;D)</translation>
    </message>
    <message>
      <source>&amp;Vehicle</source>
      <translation>车辆类型(&amp;V)</translation>
    </message>
    <message>
      <source>&amp;Plate</source>
      <translation>车牌(&amp;P)</translation>
    </message>
    <message>
      <source>People on board</source>
      <translation>车上人数</translation>
    </message>
    <message>
      <source>Came from</source>
      <translation>来自</translation>
    </message>
    <message>
      <source>Arrived on</source>
      <translation>抵达日期</translation>
    </message>
    <message>
      <source>Going to</source>
      <translation>去往</translation>
    </message>
    <message>
      <source>Decision</source>
      <translation>处置</translation>
    </message>
    <message>
      <source>Reason</source>
      <translation>理由</translation>
    </message>
    <message>
      <source>Notes</source>
      <translation>备注</translation>
    </message>
    <message>
      <source>{name} ({role})</source>
      <translation>{name}（{role}）</translation>
    </message>
    <message>
      <source>Plate {plate}</source>
      <translation>车牌 {plate}</translation>
    </message>
    <message>
      <source> · a resident's vehicle</source>
      <translation> · 住户车辆</translation>
    </message>
    <message>
      <source>As proposed: {decision}</source>
      <translation>按建议：{decision}</translation>
    </message>
    <message>
      <source>Key-area vehicle.</source>
      <translation>重点地区车辆。</translation>
    </message>
    <message>
      <source>The plate is from {province}, not from where they say they came: ask.</source>
      <translation>车牌属{province}，与所报来处不符：请询问。</translation>
    </message>
    <message>
      <source>Fever confirmed: occupant {numbers}.</source>
      <translation>复测确认发热：第 {numbers} 人。</translation>
    </message>
    <message>
      <source>Re-measure occupant {numbers} and type the second reading.</source>
      <translation>请为第 {numbers} 人复测并填写第二次读数。</translation>
    </message>
    <message>
      <source>Seen on {day}: {category}, from {origin}.</source>
      <translation>{day} 来过：{category}，来自{origin}。</translation>
    </message>
    <message>
      <source>Filled in: confirm with the driver.</source>
      <translation>已代填，请与驾驶员核对。</translation>
    </message>
    <message>
      <source>Nobody is logged in: log in first (F9).</source>
      <translation>无人登录：请先登录（F9）。</translation>
    </message>
    <message>
      <source>Saved No. {seq} at {time}: {plate}, {count} on board, highest {temp} °C.</source>
      <translation>已保存第 {seq} 号（{time}）：{plate}，车上 {count} 人，最高 {temp} °C。</translation>
    </message>
    <message>
      <source>Not saved: {count} field(s) need attention.</source>
      <translation>未保存：{count} 处需要更正。</translation>
    </message>
    <message>
      <source>Temperature °C</source>
      <translation>体温 °C</translation>
    </message>
    <message>
      <source>Second reading</source>
      <translation>复测读数</translation>
    </message>
    <message>
      <source>Name</source>
      <translation>姓名</translation>
    </message>
    <message>
      <source>ID number</source>
      <translation>证件号码</translation>
    </message>
    <message>
      <source>{number} (driver)</source>
      <translation>{number}（驾驶员）</translation>
    </message>
    <message>
      <source>re-measure</source>
      <translation>复测</translation>
    </message>
    <message>
      <source>11-digit mobile</source>
      <translation>11 位手机号</translation>
    </message>
  </context>
  <context>
    <name>WatchAlert</name>
    <message>
      <source> (room {room})</source>
      <translation>（{room}）</translation>
    </message>
    <message>
      <source>On the watchlist: {kind} until {end}{where}.</source>
      <translation>管控名单：{kind}至 {end}{where}。</translation>
    </message>
    <message>
      <source>They may not go out: refuse and call the community.</source>
      <translation>不得外出：请劝返并通知社区。</translation>
    </message>
    <message>
      <source>Coming home: let them in and tell the community.</source>
      <translation>回家：放行并通知社区。</translation>
    </message>
    <message>
      <source>{head} {advice}</source>
      <translation>{head}{advice}</translation>
    </message>
    <message>
      <source>Watchlist</source>
      <translation>管控名单</translation>
    </message>
  </context>
  <context>
    <name>WatchlistDialog</name>
    <message>
      <source>Watchlist</source>
      <translation>管控名单</translation>
    </message>
    <message>
      <source>Search by room or full name</source>
      <translation>按房号或完整姓名查找</translation>
    </message>
    <message>
      <source>Current</source>
      <translation>当前</translation>
    </message>
    <message>
      <source>Ended</source>
      <translation>已结束</translation>
    </message>
    <message>
      <source>Kind</source>
      <translation>类别</translation>
    </message>
    <message>
      <source>Name</source>
      <translation>姓名</translation>
    </message>
    <message>
      <source>ID number</source>
      <translation>身份证号</translation>
    </message>
    <message>
      <source>Room</source>
      <translation>房号</translation>
    </message>
    <message>
      <source>Start</source>
      <translation>开始</translation>
    </message>
    <message>
      <source>End</source>
      <translation>结束</translation>
    </message>
    <message>
      <source>Status</source>
      <translation>状态</translation>
    </message>
    <message>
      <source>Reason</source>
      <translation>原因</translation>
    </message>
    <message>
      <source>Edit</source>
      <translation>修改</translation>
    </message>
    <message>
      <source>Lift (end today)…</source>
      <translation>解除(今日结束)…</translation>
    </message>
    <message>
      <source>New entry</source>
      <translation>新增</translation>
    </message>
    <message>
      <source>optional</source>
      <translation>可不填</translation>
    </message>
    <message>
      <source>building-unit-room, e.g. 3-5-502</source>
      <translation>楼栋-单元-房号,如 3-5-502</translation>
    </message>
    <message>
      <source>empty: today; 2020/2/3, 2020年2月3日 or 2.3</source>
      <translation>不填为今天;2020/2/3、2020年2月3日 或 2.3</translation>
    </message>
    <message>
      <source>empty: start + {days} days</source>
      <translation>不填为开始日期加 {days} 天</translation>
    </message>
    <message>
      <source>Start date</source>
      <translation>开始日期</translation>
    </message>
    <message>
      <source>End date</source>
      <translation>结束日期</translation>
    </message>
    <message>
      <source>Import…</source>
      <translation>导入名单…</translation>
    </message>
    <message>
      <source>lifted {day}</source>
      <translation>{day} 解除</translation>
    </message>
    <message>
      <source>active</source>
      <translation>管控中</translation>
    </message>
    <message>
      <source>not begun</source>
      <translation>未开始</translation>
    </message>
    <message>
      <source>ended</source>
      <translation>已结束</translation>
    </message>
    <message>
      <source>Add</source>
      <translation>添加</translation>
    </message>
    <message>
      <source>Editing {name} ({room})</source>
      <translation>修改 {name}({room})</translation>
    </message>
    <message>
      <source>Save changes</source>
      <translation>保存修改</translation>
    </message>
    <message>
      <source>{name} ({room}) is on the watchlist until {end}.</source>
      <translation>{name}({room})已列入管控名单,至 {end}。</translation>
    </message>
    <message>
      <source>The changes to {name} ({room}) are saved; until {end}.</source>
      <translation>{name}({room})的修改已保存,至 {end}。</translation>
    </message>
    <message>
      <source>Lift</source>
      <translation>解除</translation>
    </message>
    <message>
      <source>End the watch on {name} ({room}) today? The gate stops alerting on them.</source>
      <translation>今天解除对 {name}({room})的管控?卡口将不再提示。</translation>
    </message>
    <message>
      <source>The watch on {name} ({room}) ended today.</source>
      <translation>对 {name}({room})的管控已于今天解除。</translation>
    </message>
    <message>
      <source>Import watchlist</source>
      <translation>导入管控名单</translation>
    </message>
    <message>
      <source>Watchlists (*.csv *.xlsx *.txt)</source>
      <translation>管控名单 (*.csv *.xlsx *.txt)</translation>
    </message>
    <message>
      <source>Imported {imported}, updated {updated}, rejected {rejected}.</source>
      <translation>已导入 {imported}，已更新 {updated}，已拒绝 {rejected}。</translation>
    </message>
    <message>
      <source>The import was cancelled; nothing was changed.</source>
      <translation>导入已取消；未做任何修改。</translation>
    </message>
  </context>
  <context>
    <name>app</name>
    <message>
      <source>Checkpoint Register is already running for {folder}. Use the open window.</source>
      <translation>卡口登记已在运行（数据文件夹：{folder}），请使用已打开的窗口。</translation>
    </message>
    <message>
      <source>Already running</source>
      <translation>已在运行</translation>
    </message>
    <message>
      <source>The register cannot be opened</source>
      <translation>无法打开登记簿</translation>
    </message>
    <message>
      <source>{path} is a file, not a folder. Start with --data-dir and a folder (it is created when missing).</source>
      <translation>{path} 是一个文件，不是文件夹。请用 --data-dir 指定一个文件夹启动（文件夹不存在时会自动创建）。</translation>
    </message>
    <message>
      <source>The data folder {folder} cannot be written: {reason}. Nothing was changed. Fix the folder (or the USB disk's write-protect switch), or start with --data-dir and another folder.</source>
      <translation>无法写入数据文件夹 {folder}：{reason}。没有做任何更改。请修复该文件夹（或检查U盘的写保护开关），或用 --data-dir 指定另一个文件夹启动。</translation>
    </message>
    <message>
      <source>The register was upgraded for this version. A copy from before the upgrade is kept at {path}</source>
      <translation>登记簿已升级到本版本。升级前的副本保存在 {path}</translation>
    </message>
    <message>
      <source>the disk is full (free some space)</source>
      <translation>磁盘已满（请腾出一些空间）</translation>
    </message>
    <message>
      <source>the disk is read-only</source>
      <translation>磁盘是只读的</translation>
    </message>
    <message>
      <source>no permission</source>
      <translation>没有权限</translation>
    </message>
    <message>
      <source>the folder cannot be created</source>
      <translation>无法创建该文件夹</translation>
    </message>
    <message>
      <source>the disk reported an error</source>
      <translation>磁盘报错</translation>
    </message>
    <message>
      <source>Unexpected error</source>
      <translation>意外错误</translation>
    </message>
    <message>
      <source>Something went wrong inside the app. What you saved is safe. Please show this to your supervisor.
Log: {log}</source>
      <translation>程序内部出错。已保存的内容不会丢失。请把此提示给负责人查看。
日志：{log}</translation>
    </message>
  </context>
  <context>
    <name>ask</name>
    <message>
      <source>start the app again</source>
      <translation>重新启动本软件</translation>
    </message>
    <message>
      <source>save again</source>
      <translation>重新保存</translation>
    </message>
    <message>
      <source>try again</source>
      <translation>重试</translation>
    </message>
    <message>
      <source>The app did not start; nothing was changed.</source>
      <translation>软件未能启动；没有做任何更改。</translation>
    </message>
    <message>
      <source>Nothing was saved; what you typed is still in the form.</source>
      <translation>本次未保存，已填写的内容仍在表单中。</translation>
    </message>
    <message>
      <source>The register could not be read; nothing was changed.</source>
      <translation>无法读取登记簿；没有做任何更改。</translation>
    </message>
    <message>
      <source>The register cannot be written: the disk or the database file is read-only.</source>
      <translation>无法写入登记簿：磁盘或数据库文件是只读的。</translation>
    </message>
    <message>
      <source>Check the USB disk's write-protect switch or the folder's permissions, then {again}.</source>
      <translation>请检查U盘的写保护开关或文件夹的权限，然后{again}。</translation>
    </message>
    <message>
      <source>This user account has no permission to write the register or its folder.</source>
      <translation>当前用户账户没有写入登记簿或其文件夹的权限。</translation>
    </message>
    <message>
      <source>Ask your supervisor to give this account access to the data folder, then {again}.</source>
      <translation>请让负责人为此账户开通数据文件夹的访问权限，然后{again}。</translation>
    </message>
    <message>
      <source>The disk is full.</source>
      <translation>磁盘已满。</translation>
    </message>
    <message>
      <source>Free some space (empty the recycle bin, remove old files), then {again}.</source>
      <translation>请腾出一些空间（清空回收站、删除旧文件），然后{again}。</translation>
    </message>
    <message>
      <source>Another program is holding the register open (a backup or a second copy of the app).</source>
      <translation>登记簿正被其他程序占用（备份程序或另一个打开的本软件）。</translation>
    </message>
    <message>
      <source>Close the other program, then {again}.</source>
      <translation>请关闭该程序，然后{again}。</translation>
    </message>
    <message>
      <source>The register file is damaged.</source>
      <translation>登记簿文件已损坏。</translation>
    </message>
    <message>
      <source>Do not delete or move it, and save nothing more into it. Keep the register on paper for now and call your supervisor: they check the file with 'checkpoint-cli doctor' and restore the copy made before the last upgrade or the last backup.</source>
      <translation>请勿删除或移动该文件，也不要再向其中保存。请暂时改用纸质登记，并联系负责人：由负责人用 'checkpoint-cli doctor' 检查该文件，并恢复上次升级前所做的副本或最近一次备份。</translation>
    </message>
    <message>
      <source>The file in the data folder is not a register of this app: another program's database, or a register whose contents were lost (an empty file where one was in use).</source>
      <translation>数据文件夹中的文件不是本软件的登记簿：可能是其他程序的数据库，或内容已丢失的登记簿（曾在使用的文件夹中出现空文件）。</translation>
    </message>
    <message>
      <source>Do not delete it. Check that the app was started on this station's data folder (--data-dir); otherwise call your supervisor, who checks it with 'checkpoint-cli doctor'.</source>
      <translation>不要删除它。请确认软件是在本站点的数据文件夹上启动的（--data-dir）；否则请联系负责人，由其用“checkpoint-cli doctor”检查。</translation>
    </message>
    <message>
      <source>The register file cannot be opened.</source>
      <translation>无法打开登记簿文件。</translation>
    </message>
    <message>
      <source>Check that the data folder exists and is readable, then {again}.</source>
      <translation>请检查数据文件夹是否存在且可读取，然后{again}。</translation>
    </message>
    <message>
      <source>The disk reported an error.</source>
      <translation>磁盘报错。</translation>
    </message>
    <message>
      <source>Wait a moment, then {again}; if it happens again, call your supervisor.</source>
      <translation>请稍等片刻，然后{again}；如果仍然出错，请联系负责人。</translation>
    </message>
    <message>
      <source>This register was written by a newer version of the app.</source>
      <translation>此登记簿由更新版本的软件写入。</translation>
    </message>
    <message>
      <source>Install the newer version; this one will not change the file.</source>
      <translation>请安装新版本；当前版本不会修改该文件。</translation>
    </message>
    <message>
      <source>The register is encrypted and was not unlocked.</source>
      <translation>登记簿已加密，尚未解锁。</translation>
    </message>
    <message>
      <source>Log in with an operator's PIN, then {again}.</source>
      <translation>请用值班人员的 PIN 码登录，然后{again}。</translation>
    </message>
    <message>
      <source>The register file is damaged, or it is encrypted and its key file (register.keys) is missing from the data folder.</source>
      <translation>登记簿文件已损坏，或者它已加密而数据文件夹中缺少其密钥文件（register.keys）。</translation>
    </message>
    <message>
      <source>Do not delete or move it. Call your supervisor: they check it with 'checkpoint-cli doctor', put register.keys back from the backup folder (it is kept beside each backup), or restore the last backup.</source>
      <translation>不要删除或移动它。请联系负责人：用“checkpoint-cli doctor”检查，从备份文件夹放回 register.keys（每份备份旁都保存了一份），或恢复最近一次备份。</translation>
    </message>
    <message>
      <source>The register's key file (register.keys) is damaged.</source>
      <translation>登记簿的密钥文件（register.keys）已损坏。</translation>
    </message>
    <message>
      <source>Do not delete the register. Your supervisor puts register.keys back from the backup folder, or recovers the register with the office's escrow key ('checkpoint-cli recover').</source>
      <translation>不要删除登记簿。请负责人从备份文件夹放回 register.keys，或用区指挥部的托管密钥恢复登记簿（“checkpoint-cli recover”）。</translation>
    </message>
    <message>
      <source>{problem} {outcome} {action}</source>
      <translation>{problem}{outcome}{action}</translation>
    </message>
    <message>
      <source>Seen: I will handle it</source>
      <translation>已看到，我来处理</translation>
    </message>
    <message>
      <source>The register could not be saved</source>
      <translation>登记未能保存</translation>
    </message>
    <message>
      <source>The register could not be read</source>
      <translation>无法读取登记簿</translation>
    </message>
  </context>
  <context>
    <name>audit</name>
    <message>
      <source>Log in</source>
      <translation>登录</translation>
    </message>
    <message>
      <source>Log out</source>
      <translation>退出登录</translation>
    </message>
    <message>
      <source>Locked out (wrong PINs)</source>
      <translation>锁定（PIN 错误过多）</translation>
    </message>
    <message>
      <source>Idle lock</source>
      <translation>空闲锁定</translation>
    </message>
    <message>
      <source>Operator switch</source>
      <translation>切换值班人员</translation>
    </message>
    <message>
      <source>Reveal ID number or phone</source>
      <translation>查看完整证件号码或电话</translation>
    </message>
    <message>
      <source>Void an entry</source>
      <translation>作废登记</translation>
    </message>
    <message>
      <source>Correct an entry</source>
      <translation>更正登记</translation>
    </message>
    <message>
      <source>Edit the station profile</source>
      <translation>修改卡口信息</translation>
    </message>
    <message>
      <source>Edit the rules</source>
      <translation>修改规则</translation>
    </message>
    <message>
      <source>Operator added</source>
      <translation>新增值班人员</translation>
    </message>
    <message>
      <source>Operator changed</source>
      <translation>修改值班人员</translation>
    </message>
    <message>
      <source>PIN set</source>
      <translation>设置 PIN</translation>
    </message>
    <message>
      <source>Refused</source>
      <translation>被拒绝</translation>
    </message>
    <message>
      <source>Report printed</source>
      <translation>打印日报</translation>
    </message>
    <message>
      <source>Shift started</source>
      <translation>开始值班</translation>
    </message>
    <message>
      <source>Shift handed over</source>
      <translation>交接班</translation>
    </message>
    <message>
      <source>Shift ended</source>
      <translation>结束值班</translation>
    </message>
    <message>
      <source>Seven-ones check</source>
      <translation>七个一检查</translation>
    </message>
    <message>
      <source>Operator's lock lifted</source>
      <translation>解除值班人员锁定</translation>
    </message>
    <message>
      <source>Entry opened in full for correction</source>
      <translation>为更正打开完整登记</translation>
    </message>
    <message>
      <source>Report with the personal appendix</source>
      <translation>日报（含个人信息附录）</translation>
    </message>
    <message>
      <source>Watchlist entry added</source>
      <translation>新增管控名单条目</translation>
    </message>
    <message>
      <source>Watchlist entry changed</source>
      <translation>修改管控名单条目</translation>
    </message>
    <message>
      <source>Watchlist entry lifted</source>
      <translation>解除管控名单条目</translation>
    </message>
    <message>
      <source>Watchlist imported</source>
      <translation>导入管控名单</translation>
    </message>
    <message>
      <source>Watchlist entry opened in full to edit</source>
      <translation>为修改查看管控名单条目全文</translation>
    </message>
    <message>
      <source>Five dailies: tick undone</source>
      <translation>五个每日:撤销勾选</translation>
    </message>
    <message>
      <source>Register a person</source>
      <translation>登记人员</translation>
    </message>
    <message>
      <source>Check a person out</source>
      <translation>登记离开</translation>
    </message>
    <message>
      <source>View the register</source>
      <translation>查看登记册</translation>
    </message>
    <message>
      <source>Run a shift</source>
      <translation>值班操作</translation>
    </message>
    <message>
      <source>Manage operators</source>
      <translation>管理值班人员</translation>
    </message>
    <message>
      <source>Print a report</source>
      <translation>打印报告</translation>
    </message>
    <message>
      <source>View the audit log</source>
      <translation>查看审计日志</translation>
    </message>
    <message>
      <source>Write a batch for the district office</source>
      <translation>为区疫情防控办写出批次</translation>
    </message>
    <message>
      <source>Manage the office's keys</source>
      <translation>管理区疫情防控办密钥</translation>
    </message>
    <message>
      <source>Register backed up (or restored)</source>
      <translation>登记簿已备份（或恢复）</translation>
    </message>
    <message>
      <source>Station signing key made</source>
      <translation>已生成卡口签名密钥</translation>
    </message>
    <message>
      <source>Office key imported</source>
      <translation>已导入区疫情防控办密钥</translation>
    </message>
    <message>
      <source>Enrollment file written</source>
      <translation>已写出注册文件</translation>
    </message>
    <message>
      <source>Batch written</source>
      <translation>已写出批次</translation>
    </message>
    <message>
      <source>Batch written again</source>
      <translation>已重新写出批次</translation>
    </message>
    <message>
      <source>Acknowledgements read</source>
      <translation>已读取回执</translation>
    </message>
    <message>
      <source>Purge old entries</source>
      <translation>清除过期登记</translation>
    </message>
    <message>
      <source>Manage residents</source>
      <translation>管理住户</translation>
    </message>
    <message>
      <source>Manage the watchlist</source>
      <translation>管理管控名单</translation>
    </message>
    <message>
      <source>Five dailies</source>
      <translation>五个每日</translation>
    </message>
  </context>
  <context>
    <name>batches</name>
    <message>
      <source>free space unknown</source>
      <translation>剩余空间未知</translation>
    </message>
    <message>
      <source>{size} {unit} free</source>
      <translation>剩余 {size} {unit}</translation>
    </message>
    <message>
      <source>{size} bytes free</source>
      <translation>剩余 {size} 字节</translation>
    </message>
    <message>
      <source>Export batch (USB)</source>
      <translation>导出批次(U盘)</translation>
    </message>
    <message>
      <source>1. Where to write</source>
      <translation>1. 写到哪里</translation>
    </message>
    <message>
      <source>Also &amp;close today and declare it (no more entries expected today)</source>
      <translation>同时结束今天并申报今天的日报(&amp;C)（今天不再登记）</translation>
    </message>
    <message>
      <source>2. What the batch carries</source>
      <translation>2. 批次内容</translation>
    </message>
    <message>
      <source>Choose the stick to see which batches the office has acknowledged (回执).</source>
      <translation>选择U盘后，这里显示区疫情防控办已回执的批次。</translation>
    </message>
    <message>
      <source>Acknowledgements from the office</source>
      <translation>区疫情防控办的回执</translation>
    </message>
    <message>
      <source>&amp;Export</source>
      <translation>导出(&amp;E)</translation>
    </message>
    <message>
      <source>Close</source>
      <translation>关闭</translation>
    </message>
    <message>
      <source>Next batch, number {number}: {counts}</source>
      <translation>下一个批次（第 {number} 批）：{counts}</translation>
    </message>
    <message>
      <source>Acknowledged now: batches {numbers}.</source>
      <translation>本次收到回执：批次 {numbers}。</translation>
    </message>
    <message>
      <source>No acknowledgement from the office on this stick.</source>
      <translation>此U盘上没有区疫情防控办的回执。</translation>
    </message>
    <message>
      <source>Acknowledged before: batches {numbers}.</source>
      <translation>此前已回执：批次 {numbers}。</translation>
    </message>
    <message>
      <source>Still waiting for the office's acknowledgement: batches {numbers}.</source>
      <translation>尚待回执：批次 {numbers}。</translation>
    </message>
    <message>
      <source>Every batch written so far is acknowledged.</source>
      <translation>已导出的批次均已回执。</translation>
    </message>
    <message>
      <source>Writing the batch</source>
      <translation>正在写入批次</translation>
    </message>
    <message>
      <source>Batch {number} written and verified: the stick can be removed (可以拔出U盘).</source>
      <translation>批次 {number} 已写入并校验无误：可以拔出U盘。</translation>
    </message>
    <message>
      <source>It carries {counts} (days {days}), in {folder}.</source>
      <translation>内含 {counts}（日期 {days}），位于 {folder}。</translation>
    </message>
    <message>
      <source>Nothing was exported: {reason}</source>
      <translation>未导出任何内容：{reason}</translation>
    </message>
    <message>
      <source>District office (区疫情防控办)</source>
      <translation>区疫情防控办</translation>
    </message>
    <message>
      <source>Escrow (spare key)</source>
      <translation>托管（备用密钥）</translation>
    </message>
    <message>
      <source>Office keys</source>
      <translation>区级公钥</translation>
    </message>
    <message>
      <source>Batches are encrypted to the district office's key and to a spare (escrow) key, so a lost stick is useless to whoever finds it. Import the key files the office gave you, and read each fingerprint back to the office over the phone before you confirm.</source>
      <translation>批次用区疫情防控办的密钥和一把托管（备用）密钥加密，U盘丢失后捡到的人也无法读取。请导入区疫情防控办给的密钥文件，并在确认前通过电话与区疫情防控办逐一核对指纹。</translation>
    </message>
    <message>
      <source>Key</source>
      <translation>密钥</translation>
    </message>
    <message>
      <source>Name</source>
      <translation>名称</translation>
    </message>
    <message>
      <source>Fingerprint</source>
      <translation>指纹</translation>
    </message>
    <message>
      <source>Import &amp;office key…</source>
      <translation>导入区级公钥(&amp;O)…</translation>
    </message>
    <message>
      <source>Import &amp;escrow key…</source>
      <translation>导入托管公钥(&amp;E)…</translation>
    </message>
    <message>
      <source>This station's fingerprint:</source>
      <translation>本卡口的指纹：</translation>
    </message>
    <message>
      <source>Missing: {keys}. Export is refused until both are imported.</source>
      <translation>缺少：{keys}。两把密钥都导入之前不能导出。</translation>
    </message>
    <message>
      <source>Import office key</source>
      <translation>导入区级公钥</translation>
    </message>
    <message>
      <source>Import escrow key</source>
      <translation>导入托管公钥</translation>
    </message>
    <message>
      <source>{file} is the {found} key, not the {wanted} key.</source>
      <translation>{file} 是{found}的密钥，不是{wanted}的密钥。</translation>
    </message>
    <message>
      <source>Import the key of “{name}” ({role})?

Read the fingerprint below to the office over the phone. Confirm only if it is the same as theirs, digit for digit.</source>
      <translation>导入“{name}”（{role}）的密钥？

请在电话里向区疫情防控办念出下面的指纹。只有与对方的指纹逐位相同时才确认。</translation>
    </message>
    <message>
      <source>Imported: {name}, fingerprint {fingerprint}.</source>
      <translation>已导入：{name}，指纹 {fingerprint}。</translation>
    </message>
    <message>
      <source>Enrollment file</source>
      <translation>登记文件</translation>
    </message>
    <message>
      <source>Enrollment file (*.json)</source>
      <translation>登记文件 (*.json)</translation>
    </message>
    <message>
      <source>The enrollment file is saved as {path}.

Take it to the district office (区疫情防控办) and read them this station's fingerprint over the phone:</source>
      <translation>登记文件已保存为 {path}。

请把它交给区疫情防控办，并在电话里向他们念出本卡口的指纹：</translation>
    </message>
    <message>
      <source>entries</source>
      <translation>条登记</translation>
    </message>
    <message>
      <source>corrections</source>
      <translation>条更正</translation>
    </message>
    <message>
      <source>voids</source>
      <translation>条作废</translation>
    </message>
    <message>
      <source>shifts</source>
      <translation>个班次</translation>
    </message>
    <message>
      <source>seven-ones checks</source>
      <translation>次“七个一”检查</translation>
    </message>
    <message>
      <source>audit events</source>
      <translation>条审计记录</translation>
    </message>
    <message>
      <source>day declarations</source>
      <translation>份日报</translation>
    </message>
    <message>
      <source>new at the office</source>
      <translation>条新记录</translation>
    </message>
    <message>
      <source>conflicts to resolve</source>
      <translation>条待处理冲突</translation>
    </message>
    <message>
      <source>records of a kind this version does not know</source>
      <translation>条本版本不识别的记录</translation>
    </message>
    <message>
      <source>{count} {kind}</source>
      <translation>{count} {kind}</translation>
    </message>
    <message>
      <source>, </source>
      <translation>、</translation>
    </message>
    <message>
      <source>no new records</source>
      <translation>没有新记录</translation>
    </message>
    <message>
      <source>{day} (revision {revision})</source>
      <translation>{day}（第 {revision} 版）</translation>
    </message>
    <message>
      <source>No closed day to declare yet.</source>
      <translation>还没有可申报的已结束日期。</translation>
    </message>
    <message>
      <source>Days declared (daily report or zero report): {days}</source>
      <translation>申报日期（日报或零报告）：{days}</translation>
    </message>
    <message>
      <source>Batches ledger</source>
      <translation>批次台账</translation>
    </message>
    <message>
      <source>No.</source>
      <translation>批次号</translation>
    </message>
    <message>
      <source>Written</source>
      <translation>导出时间</translation>
    </message>
    <message>
      <source>By</source>
      <translation>导出人</translation>
    </message>
    <message>
      <source>Records</source>
      <translation>记录</translation>
    </message>
    <message>
      <source>Days</source>
      <translation>日期</translation>
    </message>
    <message>
      <source>Verified</source>
      <translation>校验时间</translation>
    </message>
    <message>
      <source>Acknowledged (回执)</source>
      <translation>回执</translation>
    </message>
    <message>
      <source>Written to</source>
      <translation>写入位置</translation>
    </message>
    <message>
      <source>&amp;Write again…</source>
      <translation>重新写入(&amp;W)…</translation>
    </message>
    <message>
      <source>not yet</source>
      <translation>尚未</translation>
    </message>
    <message>
      <source>Write batch {number} again</source>
      <translation>重新写入批次 {number}</translation>
    </message>
    <message>
      <source>Batch {number} written again and verified: the stick can be removed (可以拔出U盘).</source>
      <translation>批次 {number} 已重新写入并校验无误：可以拔出U盘。</translation>
    </message>
    <message>
      <source>Nothing was written: {reason}</source>
      <translation>未写入任何内容：{reason}</translation>
    </message>
    <message>
      <source>OK</source>
      <translation>确定</translation>
    </message>
    <message>
      <source>Cancel</source>
      <translation>取消</translation>
    </message>
    <message>
      <source>&amp;Refresh</source>
      <translation>刷新(&amp;R)</translation>
    </message>
    <message>
      <source>Choose a &amp;folder…</source>
      <translation>选择文件夹(&amp;F)…</translation>
    </message>
    <message>
      <source>No USB stick found: plug one in and press Refresh, or choose a folder.</source>
      <translation>未找到U盘：请插入U盘后点“刷新”，或选择一个文件夹。</translation>
    </message>
    <message>
      <source>USB stick {label} ({path}) — {free}</source>
      <translation>U盘 {label}（{path}）— {free}</translation>
    </message>
    <message>
      <source>read-only: cannot be written (write-protect switch?)</source>
      <translation>只读：无法写入（写保护开关？）</translation>
    </message>
    <message>
      <source>Folder {path}</source>
      <translation>文件夹 {path}</translation>
    </message>
    <message>
      <source>Choose a folder</source>
      <translation>选择文件夹</translation>
    </message>
  </context>
  <context>
    <name>cli</name>
    <message>
      <source>{text} is not a whole number</source>
      <translation>{text} 不是整数</translation>
    </message>
    <message>
      <source>{value} is out of range (1 to {most})</source>
      <translation>{value} 超出范围（1 到 {most}）</translation>
    </message>
    <message>
      <source>{text} is not a day: write it as YYYY-MM-DD, e.g. 2026-11-29</source>
      <translation>{text} 不是日期：请写成 YYYY-MM-DD，例如 2026-11-29</translation>
    </message>
    <message>
      <source>{text} is not a station code: 3 to 20 letters, digits or '-', starting with a letter or digit, e.g. JB-TSP-02</source>
      <translation>{text} 不是站点编码：应为 3 到 20 位字母、数字或“-”，以字母或数字开头，如 JB-TSP-02</translation>
    </message>
    <message>
      <source>it is empty: give a text</source>
      <translation>内容为空：请填写</translation>
    </message>
    <message>
      <source>station data folder</source>
      <translation>站点数据文件夹</translation>
    </message>
    <message>
      <source>language of the messages (default: the system's)</source>
      <translation>提示信息的语言（默认：跟随系统）</translation>
    </message>
    <message>
      <source>Checkpoint Register station commands</source>
      <translation>卡口登记 站点命令</translation>
    </message>
    <message>
      <source>add realistic synthetic entries to a new or demo register (for demos and benchmarks)</source>
      <translation>向新的或演示用的登记簿添加逼真的模拟记录（用于演示和性能测试）</translation>
    </message>
    <message>
      <source>how many entries to add</source>
      <translation>要添加的记录条数</translation>
    </message>
    <message>
      <source>spread them over this many days</source>
      <translation>把记录分布在多少天内</translation>
    </message>
    <message>
      <source>the station code of the demo post (another post of a simulated district), e.g. JB-TSP-02</source>
      <translation>演示卡口的站点编码（模拟辖区内的另一个卡口），如 JB-TSP-02</translation>
    </message>
    <message>
      <source>the demo post's name (default: made from its code)</source>
      <translation>演示卡口的名称（默认由编码生成）</translation>
    </message>
    <message>
      <source>the demo post's sub-district (default: made from its code)</source>
      <translation>演示卡口所属街道/乡镇（默认由编码生成）</translation>
    </message>
    <message>
      <source>check the register without changing it: integrity, length, schema version, sequence numbers, permissions</source>
      <translation>检查登记簿（不做任何更改）：完整性、文件长度、数据结构版本、序号、权限</translation>
    </message>
    <message>
      <source>an encrypted register: the operator whose PIN unlocks it, so its contents are checked too</source>
      <translation>已加密的登记簿：用该值班人员的 PIN 码解锁，以便同时检查其内容</translation>
    </message>
    <message>
      <source>the daily report (日报 / 零报告) of one day as PDF, and its figures as CSV (a supervisor's)</source>
      <translation>生成某一天的日报（零报告）PDF，并可将数据另存为 CSV（限负责人）</translation>
    </message>
    <message>
      <source>the day, YYYY-MM-DD</source>
      <translation>日期，格式 YYYY-MM-DD</translation>
    </message>
    <message>
      <source>the PDF file to write</source>
      <translation>要写入的 PDF 文件</translation>
    </message>
    <message>
      <source>also write the figures to this CSV file</source>
      <translation>同时把数据写入这个 CSV 文件</translation>
    </message>
    <message>
      <source>the CSV's encoding: gb18030 (what Chinese Excel opens) or utf-8-sig (UTF-8 with BOM)</source>
      <translation>CSV 的编码：gb18030（中文版 Excel 默认）或 utf-8-sig（带 BOM 的 UTF-8）</translation>
    </message>
    <message>
      <source>add the personal appendix (names of the persons to follow up) to the PDF</source>
      <translation>在 PDF 中附带个人信息附件（需跟进人员的姓名）</translation>
    </message>
    <message>
      <source>the supervisor making the report; the PIN is read from CHECKPOINT_PIN or asked for</source>
      <translation>生成日报的负责人；PIN 从 CHECKPOINT_PIN 读取，否则会提示输入</translation>
    </message>
    <message>
      <source>checkpoint-cli: {path} is a file, not a folder. Give --data-dir a folder (it is created when missing).</source>
      <translation>checkpoint-cli：{path} 是一个文件，不是文件夹。请给 --data-dir 指定一个文件夹（文件夹不存在时会自动创建）。</translation>
    </message>
    <message>
      <source>ok</source>
      <translation>正常</translation>
    </message>
    <message>
      <source>WARNING</source>
      <translation>注意</translation>
    </message>
    <message>
      <source>PROBLEM</source>
      <translation>问题</translation>
    </message>
    <message>
      <source>{count} problem(s) found</source>
      <translation>发现 {count} 个问题</translation>
    </message>
    <message>
      <source>healthy, with {count} warning(s)</source>
      <translation>状态良好，有 {count} 条注意事项</translation>
    </message>
    <message>
      <source>healthy</source>
      <translation>状态良好</translation>
    </message>
    <message>
      <source>the disk or the register file is read-only</source>
      <translation>磁盘或登记簿文件是只读的</translation>
    </message>
    <message>
      <source>the disk is full</source>
      <translation>磁盘已满</translation>
    </message>
    <message>
      <source>another program is holding the register open (is the app running?); close it and try again</source>
      <translation>登记簿正被其他程序占用（本软件是否正在运行？）；请关闭后重试</translation>
    </message>
    <message>
      <source>the register file is damaged or is not this app's; nothing was changed. Run checkpoint-cli doctor --data-dir {folder} to see why</source>
      <translation>登记簿文件已损坏或不是本软件的文件；没有做任何更改。请运行 checkpoint-cli doctor --data-dir {folder} 查看原因</translation>
    </message>
    <message>
      <source>the file there is not a register of this app (another program's database, or an emptied register); nothing was changed. Run checkpoint-cli doctor --data-dir {folder} to see why</source>
      <translation>该处的文件不是本软件的登记簿（其他程序的数据库，或已被清空的登记簿）；未做任何更改。运行 checkpoint-cli doctor --data-dir {folder} 查看原因</translation>
    </message>
    <message>
      <source>this user has no permission to write the register or its folder</source>
      <translation>当前用户无权写入登记簿或其文件夹</translation>
    </message>
    <message>
      <source>the register file cannot be opened; check that the folder exists and can be read</source>
      <translation>无法打开登记簿文件；请检查文件夹是否存在且可读取</translation>
    </message>
    <message>
      <source>the disk reported an error</source>
      <translation>磁盘报错</translation>
    </message>
    <message>
      <source>a newer version of the app wrote this register; this one will not change it</source>
      <translation>该登记簿由更新版本的软件写入；本版本不会更改它</translation>
    </message>
    <message>
      <source>the register is encrypted: give --operator NAME (the PIN is asked for, or read from CHECKPOINT_PIN)</source>
      <translation>登记簿已加密：请用 --operator 姓名（PIN 码会提示输入，或从 CHECKPOINT_PIN 读取）</translation>
    </message>
    <message>
      <source>the register file is damaged, or it is encrypted and its key file register.keys is missing; put register.keys back from the backup folder (it is kept beside each backup), or restore the last backup</source>
      <translation>登记簿文件已损坏，或者它已加密而缺少密钥文件 register.keys；请从备份文件夹放回 register.keys（每份备份旁都保存了一份），或恢复最近一次备份</translation>
    </message>
    <message>
      <source>the register's key file register.keys is damaged; put it back from the backup folder, or run checkpoint-cli recover with the escrow key</source>
      <translation>登记簿的密钥文件 register.keys 已损坏；请从备份文件夹放回，或用托管密钥运行 checkpoint-cli recover</translation>
    </message>
    <message>
      <source>checkpoint-cli: cannot use the register in {folder}: {reason}.</source>
      <translation>checkpoint-cli：无法使用 {folder} 中的登记簿：{reason}。</translation>
    </message>
    <message>
      <source>added {count} entries to {folder} in {seconds} s</source>
      <translation>已向 {folder} 添加 {count} 条记录，用时 {seconds} 秒</translation>
    </message>
    <message>
      <source>PIN for {name}: </source>
      <translation>{name} 的 PIN：</translation>
    </message>
    <message>
      <source>no PIN was given (set {variable} or type it when asked)</source>
      <translation>没有提供 PIN（请设置 {variable}，或在提示时输入）</translation>
    </message>
    <message>
      <source>the supervisor; the PIN is read from CHECKPOINT_PIN or asked for</source>
      <translation>负责人；PIN 从 CHECKPOINT_PIN 读取，否则提示输入</translation>
    </message>
    <message>
      <source>import the district office's public key (office.pub), or with --escrow the escrow key (escrow.pub)</source>
      <translation>导入区疫情防控办的公钥（office.pub），加 --escrow 则导入托管密钥（escrow.pub）</translation>
    </message>
    <message>
      <source>the office.pub or escrow.pub file</source>
      <translation>office.pub 或 escrow.pub 文件</translation>
    </message>
    <message>
      <source>the file is the escrow key</source>
      <translation>该文件是托管密钥</translation>
    </message>
    <message>
      <source>write the station's enrollment file for the district office</source>
      <translation>为区疫情防控办写出本卡口的注册文件</translation>
    </message>
    <message>
      <source>the file to write (or a folder: enrollment-&lt;STATION&gt;.json in it)</source>
      <translation>要写出的文件（或文件夹：在其中写 enrollment-&lt;卡口代码&gt;.json）</translation>
    </message>
    <message>
      <source>write the next batch for the district office onto a stick or into a folder, verified</source>
      <translation>把下一个批次写到 U 盘或文件夹并校验，交区疫情防控办</translation>
    </message>
    <message>
      <source>the stick or folder (the batch goes into its checkpoint-batches folder)</source>
      <translation>U 盘或文件夹（批次写入其中的 checkpoint-batches 文件夹）</translation>
    </message>
    <message>
      <source>declare today too (the day is over); otherwise days up to yesterday are declared</source>
      <translation>今天也报送（今天已结束）；否则只报送到昨天</translation>
    </message>
    <message>
      <source>read the office's acknowledgements from a stick or folder</source>
      <translation>从 U 盘或文件夹读取区疫情防控办的回执</translation>
    </message>
    <message>
      <source>the stick or folder the office wrote its acknowledgements onto</source>
      <translation>区疫情防控办写入回执的 U 盘或文件夹</translation>
    </message>
    <message>
      <source>list every batch written, acknowledged or not</source>
      <translation>列出写出的每个批次及是否已回执</translation>
    </message>
    <message>
      <source>erase people's data older than the retention period that the office has acknowledged</source>
      <translation>删除超过保存期限且防控办已回执的个人信息</translation>
    </message>
    <message>
      <source>only say what is erased already and what waits for the office</source>
      <translation>只显示已删除的和仍在等待防控办回执的</translation>
    </message>
    <message>
      <source>write a checked backup of the register into a folder or drive (the last ones kept)</source>
      <translation>将登记簿备份（经检查）写入文件夹或U盘（保留最近几份）</translation>
    </message>
    <message>
      <source>the folder or drive (remembered for the next backups; default: the one chosen before)</source>
      <translation>文件夹或U盘（之后的备份沿用；默认：上次选择的）</translation>
    </message>
    <message>
      <source>replace the register with a backup after checking it (close the app first); the current one is kept aside</source>
      <translation>检查备份后用它替换登记簿（请先关闭程序）；当前登记簿另存一份</translation>
    </message>
    <message>
      <source>the backup file</source>
      <translation>备份文件</translation>
    </message>
    <message>
      <source>{folder} is not a folder</source>
      <translation>{folder} 不是文件夹</translation>
    </message>
    <message>
      <source>there is no register in {folder}</source>
      <translation>{folder} 中没有登记簿</translation>
    </message>
    <message>
      <source>imported the escrow key of {name}</source>
      <translation>已导入 {name} 的托管密钥</translation>
    </message>
    <message>
      <source>imported the office key of {name}</source>
      <translation>已导入 {name} 的区疫情防控办密钥</translation>
    </message>
    <message>
      <source>fingerprint (read it aloud to the office on the phone and compare): {fingerprint}</source>
      <translation>指纹（请在电话中向区疫情防控办念出并核对）：{fingerprint}</translation>
    </message>
    <message>
      <source>wrote {file}</source>
      <translation>已写出 {file}</translation>
    </message>
    <message>
      <source>station key fingerprint (the office reads it back to you): {fingerprint}</source>
      <translation>卡口密钥指纹（区疫情防控办会向您念回核对）：{fingerprint}</translation>
    </message>
    <message>
      <source>batch {number} written to {folder} and verified: {records} records ({counts})</source>
      <translation>批次 {number} 已写入 {folder} 并校验通过：{records} 条记录（{counts}）</translation>
    </message>
    <message>
      <source>file: {file}, SHA-256 {sha256}</source>
      <translation>文件：{file}，SHA-256 {sha256}</translation>
    </message>
    <message>
      <source>the stick can be removed</source>
      <translation>现在可以拔出 U 盘</translation>
    </message>
    <message>
      <source>no acknowledgement found in {folder}</source>
      <translation>{folder} 中没有回执</translation>
    </message>
    <message>
      <source>acknowledged now: {numbers}</source>
      <translation>本次确认回执：{numbers}</translation>
    </message>
    <message>
      <source>not yet acknowledged: {numbers}</source>
      <translation>尚未回执：{numbers}</translation>
    </message>
    <message>
      <source>no batch has been written yet</source>
      <translation>尚未写出任何批次</translation>
    </message>
    <message>
      <source>acknowledged</source>
      <translation>已回执</translation>
    </message>
    <message>
      <source>not acknowledged</source>
      <translation>未回执</translation>
    </message>
    <message>
      <source>{number}  {created}  {records} records  {first} to {last}  {file}  {ack}</source>
      <translation>{number}  {created}  {records} 条记录  {first} 至 {last}  {file}  {ack}</translation>
    </message>
    <message>
      <source>people's data is kept {days} days; erased before: {day}</source>
      <translation>个人信息保存 {days} 天；{day} 之前的已删除</translation>
    </message>
    <message>
      <source>erased the people's data of {passages} entries ({persons} persons); erased before: {day}</source>
      <translation>已删除 {passages} 条登记（{persons} 人）的个人信息；{day} 之前的已删除</translation>
    </message>
    <message>
      <source>erased the people's data of {watches} ended watchlist entries and {residents} moved-out residents</source>
      <translation>已删除 {watches} 条已结束的名单记录和 {residents} 名已搬离住户的个人信息</translation>
    </message>
    <message>
      <source>{count} older entries (since {day}) wait for the office's acknowledgement: take the next batch to the office</source>
      <translation>有 {count} 条较早登记（自 {day} 起）在等待防控办回执：请将下一批数据交到防控办</translation>
    </message>
    <message>
      <source>wrote {file} ({size} KB), checked</source>
      <translation>已写入 {file}（{size} KB），已检查</translation>
    </message>
    <message>
      <source>the register was restored from {file}; the one before is kept as {aside}</source>
      <translation>已从 {file} 恢复登记簿；原登记簿另存为 {aside}</translation>
    </message>
    <message>
      <source>--pdf and --csv name the same file</source>
      <translation>--pdf 和 --csv 指向同一个文件</translation>
    </message>
    <message>
      <source>{day}: {headline}</source>
      <translation>{day}：{headline}</translation>
    </message>
    <message>
      <source>written: {path}</source>
      <translation>已写入：{path}</translation>
    </message>
    <message>
      <source>the compound's residents (a supervisor's)</source>
      <translation>小区住户（负责人操作）</translation>
    </message>
    <message>
      <source>import a residents list (CSV in UTF-8 or GB18030, or XLSX); rows already in the register are updated</source>
      <translation>导入住户名单（UTF-8 或 GB18030 编码的 CSV，或 XLSX）；登记本中已有的住户会被更新</translation>
    </message>
    <message>
      <source>the residents list</source>
      <translation>住户名单文件</translation>
    </message>
    <message>
      <source>home quarantine and medical observation (a supervisor's)</source>
      <translation>居家隔离和医学观察人员（负责人操作）</translation>
    </message>
    <message>
      <source>import a watchlist (CSV in UTF-8 or GB18030, or XLSX); a person already on it for an overlapping period is updated</source>
      <translation>导入管控名单（UTF-8 或 GB18030 编码的 CSV，或 XLSX）；名单中已有且时段重叠的人员将被更新</translation>
    </message>
    <message>
      <source>the watchlist</source>
      <translation>管控名单文件</translation>
    </message>
    <message>
      <source>check the list and print what would be imported, without changing the register</source>
      <translation>只检查名单并列出将导入的内容，不修改登记本</translation>
    </message>
    <message>
      <source>the supervisor importing; the PIN is read from CHECKPOINT_PIN or asked for</source>
      <translation>执行导入的负责人；PIN 从 CHECKPOINT_PIN 读取或询问输入</translation>
    </message>
    <message>
      <source>{file} is not a file</source>
      <translation>{file} 不是文件</translation>
    </message>
    <message>
      <source>warning: {text}</source>
      <translation>警告：{text}</translation>
    </message>
    <message>
      <source>dry run: {valid} rows would be imported or updated, {rejected} rejected; nothing was changed</source>
      <translation>试运行：{valid} 行将被导入或更新，{rejected} 行被拒绝；未做任何修改</translation>
    </message>
    <message>
      <source>nothing imported: all {rejected} rows were rejected</source>
      <translation>未导入任何住户：全部 {rejected} 行均被拒绝</translation>
    </message>
    <message>
      <source>imported {imported}, updated {updated}, rejected {rejected}</source>
      <translation>已导入 {imported}，已更新 {updated}，已拒绝 {rejected}</translation>
    </message>
    <message>
      <source>line {line}: {reasons}</source>
      <translation>第 {line} 行：{reasons}</translation>
    </message>
    <message>
      <source>name</source>
      <translation>姓名</translation>
    </message>
    <message>
      <source>room</source>
      <translation>房号</translation>
    </message>
    <message>
      <source>phone</source>
      <translation>手机</translation>
    </message>
    <message>
      <source>ID number</source>
      <translation>身份证号</translation>
    </message>
    <message>
      <source>plates</source>
      <translation>车牌</translation>
    </message>
    <message>
      <source>pass code</source>
      <translation>出入证号</translation>
    </message>
    <message>
      <source>kind</source>
      <translation>类型</translation>
    </message>
    <message>
      <source>start date</source>
      <translation>开始日期</translation>
    </message>
    <message>
      <source>end date</source>
      <translation>结束日期</translation>
    </message>
    <message>
      <source>reason</source>
      <translation>原因</translation>
    </message>
    <message>
      <source>the district office: keys, enrollment, import of batches, acknowledgements, gaps, the district report</source>
      <translation>区疫情防控办：密钥、登记卡口、导入批次、回执、缺报、全区报表</translation>
    </message>
    <message>
      <source>the office database: a file (SQLite) or a URL (postgresql+pg8000://…)</source>
      <translation>区疫情防控办数据库：一个文件（SQLite）或一个网址（postgresql+pg8000://…）</translation>
    </message>
    <message>
      <source>the office's key file (office.key); its passphrase from CHECKPOINT_CENTRAL_PASSPHRASE or asked for</source>
      <translation>区疫情防控办的密钥文件（office.key）；口令取自 CHECKPOINT_CENTRAL_PASSPHRASE，否则询问</translation>
    </message>
    <message>
      <source>make the office's key pair (office.key protected by a passphrase, office.pub for the stations)</source>
      <translation>生成区疫情防控办密钥对（office.key 由口令保护，office.pub 发给各卡口）</translation>
    </message>
    <message>
      <source>the folder to write the keys in</source>
      <translation>写入密钥的文件夹</translation>
    </message>
    <message>
      <source>make the escrow key pair instead (escrow.key, escrow.pub)</source>
      <translation>改为生成备份密钥对（escrow.key、escrow.pub）</translation>
    </message>
    <message>
      <source>the office's name, shown to the stations</source>
      <translation>区疫情防控办名称（卡口可见）</translation>
    </message>
    <message>
      <source>enroll a station from its enrollment file</source>
      <translation>用卡口的登记文件登记卡口</translation>
    </message>
    <message>
      <source>the station's enrollment file</source>
      <translation>卡口的登记文件</translation>
    </message>
    <message>
      <source>accept a new key for a station already enrolled (check its fingerprint by phone first)</source>
      <translation>接受已登记卡口的新密钥（请先电话核对指纹）</translation>
    </message>
    <message>
      <source>the first day the station is expected to report (default: today)</source>
      <translation>卡口应开始报告的第一天（默认：今天）</translation>
    </message>
    <message>
      <source>import batch files: files, folders or a USB stick's root</source>
      <translation>导入批次文件：文件、文件夹或U盘根目录</translation>
    </message>
    <message>
      <source>batch files or folders</source>
      <translation>批次文件或文件夹</translation>
    </message>
    <message>
      <source>write the signed acknowledgement of the imported batches onto a stick</source>
      <translation>把已导入批次的签名回执写到U盘</translation>
    </message>
    <message>
      <source>the stick's root or a folder</source>
      <translation>U盘根目录或文件夹</translation>
    </message>
    <message>
      <source>per station: missing batch numbers and days without a daily report</source>
      <translation>按卡口列出：缺少的批次号和未报日报的日期</translation>
    </message>
    <message>
      <source>count days up to the day before this one (default: today)</source>
      <translation>统计到此日的前一天（默认：今天）</translation>
    </message>
    <message>
      <source>the district report of one day: who reported, on time, late, missing, and the totals</source>
      <translation>某日全区报表：已报、按时、迟报、缺报及合计</translation>
    </message>
    <message>
      <source>write the report to this XLSX file</source>
      <translation>将报表写入此 XLSX 文件</translation>
    </message>
    <message>
      <source>write the report to this PDF file</source>
      <translation>将报表写入此 PDF 文件</translation>
    </message>
    <message>
      <source>reports imported after this are late (YYYY-MM-DD HH:MM, local time; default: the next day 10:00)</source>
      <translation>此时间之后导入的报告算迟报（YYYY-MM-DD HH:MM，本地时间；默认：次日10:00）</translation>
    </message>
    <message>
      <source>list the conflicts to resolve: records that arrived again with other content</source>
      <translation>列出待处理的冲突：再次送来但内容不同的记录</translation>
    </message>
    <message>
      <source>resolve a conflict: keep the held record or take the incoming one</source>
      <translation>处理冲突：保留原记录或采用新记录</translation>
    </message>
    <message>
      <source>the conflict's number (central conflicts)</source>
      <translation>冲突编号（见 central conflicts）</translation>
    </message>
    <message>
      <source>keep the held record</source>
      <translation>保留原记录</translation>
    </message>
    <message>
      <source>replace the held record with the incoming one</source>
      <translation>用新记录替换原记录</translation>
    </message>
    <message>
      <source>why (kept with the resolution)</source>
      <translation>原因（与处理结果一并保存）</translation>
    </message>
    <message>
      <source>who resolves it (default: the user logged in)</source>
      <translation>经办人（默认：当前登录用户）</translation>
    </message>
    <message>
      <source>{text} is not a time: write it as YYYY-MM-DD HH:MM</source>
      <translation>{text} 不是时间：请写成 YYYY-MM-DD HH:MM</translation>
    </message>
    <message>
      <source>Passphrase of the office key: </source>
      <translation>区疫情防控办密钥口令：</translation>
    </message>
    <message>
      <source>The same passphrase again: </source>
      <translation>再次输入同一口令：</translation>
    </message>
    <message>
      <source>checkpoint-cli: the two passphrases differ</source>
      <translation>checkpoint-cli：两次输入的口令不一致</translation>
    </message>
    <message>
      <source>{path}: no such file or folder</source>
      <translation>{path}：没有这个文件或文件夹</translation>
    </message>
    <message>
      <source>a passphrase is needed</source>
      <translation>需要口令</translation>
    </message>
    <message>
      <source>the office database {db} cannot be opened: {why}</source>
      <translation>无法打开区疫情防控办数据库 {db}：{why}</translation>
    </message>
    <message>
      <source>{path} is a file, not a folder</source>
      <translation>{path} 是文件，不是文件夹</translation>
    </message>
    <message>
      <source>district office</source>
      <translation>区疫情防控办</translation>
    </message>
    <message>
      <source>escrow</source>
      <translation>备份密钥</translation>
    </message>
    <message>
      <source>wrote {key} (keep it secret) and {pub} (for the stations)</source>
      <translation>已写入 {key}（请保密）和 {pub}（发给各卡口）</translation>
    </message>
    <message>
      <source>fingerprint: {fingerprint}</source>
      <translation>指纹：{fingerprint}</translation>
    </message>
    <message>
      <source>enrolled {code} {name} ({district})</source>
      <translation>已登记 {code} {name}（{district}）</translation>
    </message>
    <message>
      <source>the key of {code} {name} ({district}) was replaced</source>
      <translation>{code} {name}（{district}）的密钥已更换</translation>
    </message>
    <message>
      <source>{code} {name} ({district}) was enrolled already with this key</source>
      <translation>{code} {name}（{district}）已用此密钥登记过</translation>
    </message>
    <message>
      <source>imported {file}: {records} records</source>
      <translation>已导入 {file}：{records} 条记录</translation>
    </message>
    <message>
      <source>  {count} records arrived again with other content: kept as conflicts to resolve</source>
      <translation>  {count} 条记录再次到达但内容不同：已作为冲突保留待处理</translation>
    </message>
    <message>
      <source>{file}: imported before; nothing changed</source>
      <translation>{file}：之前已导入；未作任何更改</translation>
    </message>
    <message>
      <source>checkpoint-cli: rejected: {reason}</source>
      <translation>checkpoint-cli：已拒收：{reason}</translation>
    </message>
    <message>
      <source>{path} is not a folder</source>
      <translation>{path} 不是文件夹</translation>
    </message>
    <message>
      <source>wrote the acknowledgement {file}</source>
      <translation>已写入回执 {file}</translation>
    </message>
    <message>
      <source>{code} {name}: complete</source>
      <translation>{code} {name}：齐全</translation>
    </message>
    <message>
      <source>{code} {name}: missing batches {batches}; days without a report {days}</source>
      <translation>{code} {name}：缺少批次 {batches}；未报日期 {days}</translation>
    </message>
    <message>
      <source>--pdf and --xlsx name the same file</source>
      <translation>--pdf 和 --xlsx 指向同一个文件</translation>
    </message>
    <message>
      <source>{file} cannot be written ({why})</source>
      <translation>无法写入 {file}（{why}）</translation>
    </message>
    <message>
      <source>no conflicts to resolve</source>
      <translation>没有待处理的冲突</translation>
    </message>
    <message>
      <source>id</source>
      <translation>编号</translation>
    </message>
    <message>
      <source>station</source>
      <translation>卡口</translation>
    </message>
    <message>
      <source>key</source>
      <translation>键</translation>
    </message>
    <message>
      <source>batch</source>
      <translation>批次</translation>
    </message>
    <message>
      <source>found</source>
      <translation>发现时间</translation>
    </message>
    <message>
      <source>conflict {number} resolved: the held record kept</source>
      <translation>冲突 {number} 已处理：保留原记录</translation>
    </message>
    <message>
      <source>conflict {number} resolved: the incoming record taken</source>
      <translation>冲突 {number} 已处理：采用新记录</translation>
    </message>
    <message>
      <source>open the encrypted register with the office's escrow key and give an operator a new PIN</source>
      <translation>用区指挥部的托管密钥打开已加密的登记簿，并为一名值班人员设置新 PIN 码</translation>
    </message>
    <message>
      <source>the escrow key file (escrow.key) from the district office; its passphrase from CHECKPOINT_CENTRAL_PASSPHRASE or asked for</source>
      <translation>区指挥部的托管密钥文件（escrow.key）；其口令从 CHECKPOINT_CENTRAL_PASSPHRASE 读取或提示输入</translation>
    </message>
    <message>
      <source>the operator who gets the new PIN (CHECKPOINT_PIN, or asked for twice)</source>
      <translation>获得新 PIN 码的值班人员（从 CHECKPOINT_PIN 读取，或提示输入两次）</translation>
    </message>
    <message>
      <source>Passphrase of the escrow key: </source>
      <translation>托管密钥的口令：</translation>
    </message>
    <message>
      <source>New PIN for {name}: </source>
      <translation>{name} 的新 PIN 码：</translation>
    </message>
    <message>
      <source>The same PIN again: </source>
      <translation>再输入一次同一 PIN 码：</translation>
    </message>
    <message>
      <source>no PIN was given, or the two differ</source>
      <translation>没有输入 PIN 码，或两次输入不一致</translation>
    </message>
    <message>
      <source>{name} has a new PIN; the register opens with it</source>
      <translation>{name} 已设置新 PIN 码；用它可以打开登记簿</translation>
    </message>
  </context>
  <context>
    <name>district</name>
    <message>
      <source>District report of the checkpoints (区卡口日报汇总)</source>
      <translation>全区卡口日报汇总</translation>
    </message>
    <message>
      <source>Day</source>
      <translation>日期</translation>
    </message>
    <message>
      <source>Reports due by</source>
      <translation>报告截止时间</translation>
    </message>
    <message>
      <source>Sub-district</source>
      <translation>街道</translation>
    </message>
    <message>
      <source>Expected posts</source>
      <translation>应报卡口</translation>
    </message>
    <message>
      <source>Reported</source>
      <translation>已报</translation>
    </message>
    <message>
      <source>Zero reports</source>
      <translation>零报告</translation>
    </message>
    <message>
      <source>On time</source>
      <translation>按时</translation>
    </message>
    <message>
      <source>Late</source>
      <translation>迟报</translation>
    </message>
    <message>
      <source>Missing</source>
      <translation>未报</translation>
    </message>
    <message>
      <source>Missing posts</source>
      <translation>缺报卡口</translation>
    </message>
    <message>
      <source>Persons</source>
      <translation>人数</translation>
    </message>
    <message>
      <source>Vehicles</source>
      <translation>车辆</translation>
    </message>
    <message>
      <source>Fevers</source>
      <translation>发热</translation>
    </message>
    <message>
      <source>Referrals</source>
      <translation>转诊</translation>
    </message>
    <message>
      <source>Refusals</source>
      <translation>劝返</translation>
    </message>
    <message>
      <source>Key-area arrivals</source>
      <translation>重点地区来人</translation>
    </message>
    <message>
      <source>Watchlist alerts</source>
      <translation>名单预警</translation>
    </message>
    <message>
      <source>All sub-districts</source>
      <translation>全部街道</translation>
    </message>
    <message>
      <source>Post</source>
      <translation>卡口</translation>
    </message>
    <message>
      <source>Code</source>
      <translation>编码</translation>
    </message>
    <message>
      <source>Status</source>
      <translation>状态</translation>
    </message>
    <message>
      <source>Zero report</source>
      <translation>零报告</translation>
    </message>
    <message>
      <source>Imported at</source>
      <translation>导入时间</translation>
    </message>
    <message>
      <source>on time</source>
      <translation>按时</translation>
    </message>
    <message>
      <source>late</source>
      <translation>迟报</translation>
    </message>
    <message>
      <source>missing (no report)</source>
      <translation>缺报（未报告）</translation>
    </message>
    <message>
      <source>yes</source>
      <translation>是</translation>
    </message>
    <message>
      <source>Enrolled but not expected that day</source>
      <translation>已登记但当日无需报告</translation>
    </message>
    <message>
      <source>Summary</source>
      <translation>汇总</translation>
    </message>
    <message>
      <source>Posts</source>
      <translation>卡口</translation>
    </message>
  </context>
  <context>
    <name>five_dailies</name>
    <message>
      <source>Phone call</source>
      <translation>电话</translation>
    </message>
    <message>
      <source>Supplies</source>
      <translation>送物资</translation>
    </message>
    <message>
      <source>Rubbish</source>
      <translation>收垃圾</translation>
    </message>
    <message>
      <source>Morning temperature</source>
      <translation>上午体温</translation>
    </message>
    <message>
      <source>Evening temperature</source>
      <translation>晚间体温</translation>
    </message>
    <message>
      <source>Disinfection 1</source>
      <translation>消毒 1</translation>
    </message>
    <message>
      <source>Disinfection 2</source>
      <translation>消毒 2</translation>
    </message>
    <message>
      <source>Disinfection 3</source>
      <translation>消毒 3</translation>
    </message>
  </context>
  <context>
    <name>labels</name>
    <message>
      <source>In</source>
      <translation>进</translation>
    </message>
    <message>
      <source>Out</source>
      <translation>出</translation>
    </message>
    <message>
      <source>Resident</source>
      <translation>居民</translation>
    </message>
    <message>
      <source>Visitor</source>
      <translation>访客</translation>
    </message>
    <message>
      <source>Delivery/courier</source>
      <translation>快递/外卖</translation>
    </message>
    <message>
      <source>Staff/worker</source>
      <translation>工作人员</translation>
    </message>
    <message>
      <source>Official/emergency</source>
      <translation>公务/应急</translation>
    </message>
    <message>
      <source>Other</source>
      <translation>其他</translation>
    </message>
    <message>
      <source>guard</source>
      <translation>值班员</translation>
    </message>
    <message>
      <source>supervisor</source>
      <translation>负责人</translation>
    </message>
    <message>
      <source>Admit</source>
      <translation>放行</translation>
    </message>
    <message>
      <source>Refuse</source>
      <translation>劝返</translation>
    </message>
    <message>
      <source>Refer to fever clinic</source>
      <translation>转发热门诊</translation>
    </message>
    <message>
      <source>Resident ID card</source>
      <translation>居民身份证</translation>
    </message>
    <message>
      <source>HK/Macau permit</source>
      <translation>港澳居民来往内地通行证</translation>
    </message>
    <message>
      <source>Taiwan permit</source>
      <translation>台湾居民来往大陆通行证</translation>
    </message>
    <message>
      <source>Passport</source>
      <translation>护照</translation>
    </message>
    <message>
      <source>Other document</source>
      <translation>其他证件</translation>
    </message>
    <message>
      <source>Cough</source>
      <translation>咳嗽</translation>
    </message>
    <message>
      <source>Sore throat</source>
      <translation>咽痛</translation>
    </message>
    <message>
      <source>Fatigue</source>
      <translation>乏力</translation>
    </message>
    <message>
      <source>Short of breath</source>
      <translation>呼吸困难</translation>
    </message>
    <message>
      <source>Residential compound gate</source>
      <translation>小区门岗</translation>
    </message>
    <message>
      <source>Road checkpoint</source>
      <translation>道路卡点</translation>
    </message>
    <message>
      <source>Enterprise</source>
      <translation>企业</translation>
    </message>
    <message>
      <source>Market</source>
      <translation>市场</translation>
    </message>
    <message>
      <source>fever confirmed on re-measure</source>
      <translation>复测确认发热</translation>
    </message>
    <message>
      <source>short of breath</source>
      <translation>呼吸困难</translation>
    </message>
    <message>
      <source>arrived from a key area within the observation window</source>
      <translation>观察期内来自重点地区</translation>
    </message>
    <message>
      <source>has symptoms</source>
      <translation>有症状</translation>
    </message>
    <message>
      <source>has symptoms: report to the community</source>
      <translation>有症状：报告社区</translation>
    </message>
    <message>
      <source>key-area arrival: report to the community for home observation</source>
      <translation>来自重点地区：报告社区，居家观察</translation>
    </message>
    <message>
      <source>closed management: not a resident</source>
      <translation>封闭式管理：非本小区居民</translation>
    </message>
    <message>
      <source>under home quarantine: may not go out</source>
      <translation>居家隔离：不得外出</translation>
    </message>
    <message>
      <source>under home quarantine: coming home, report to the community</source>
      <translation>居家隔离：回家，报告社区</translation>
    </message>
    <message>
      <source>Private car</source>
      <translation>私家车</translation>
    </message>
    <message>
      <source>Taxi/ride-hailing</source>
      <translation>出租车/网约车</translation>
    </message>
    <message>
      <source>Bus/coach</source>
      <translation>客车</translation>
    </message>
    <message>
      <source>Goods vehicle</source>
      <translation>货车</translation>
    </message>
    <message>
      <source>Emergency/official vehicle</source>
      <translation>应急/公务车辆</translation>
    </message>
    <message>
      <source>Other vehicle</source>
      <translation>其他车辆</translation>
    </message>
    <message>
      <source>By station type (compound gate: outsiders; road: nobody)</source>
      <translation>按卡口类型（小区门口：外来人员；道路卡口：不登记）</translation>
    </message>
    <message>
      <source>Nobody (readings only)</source>
      <translation>不登记（只测温）</translation>
    </message>
    <message>
      <source>The driver</source>
      <translation>驾驶员</translation>
    </message>
    <message>
      <source>Every outsider</source>
      <translation>所有外来人员</translation>
    </message>
    <message>
      <source>Everyone</source>
      <translation>所有人</translation>
    </message>
    <message>
      <source>Home quarantine</source>
      <translation>居家隔离</translation>
    </message>
    <message>
      <source>Medical observation</source>
      <translation>医学观察</translation>
    </message>
    <message>
      <source>home quarantine</source>
      <translation>居家隔离</translation>
    </message>
    <message>
      <source>medical observation</source>
      <translation>医学观察</translation>
    </message>
  </context>
  <context>
    <name>problems</name>
    <message>
      <source>You chose a different decision than proposed: say why (at least {count} characters).</source>
      <translation>所选处置与建议不同：请说明理由（至少 {count} 个字）。</translation>
    </message>
    <message>
      <source>{text} is not a real date.</source>
      <translation>{text} 不是有效日期。</translation>
    </message>
    <message>
      <source>Type the date as 2026-11-20 or 11-20.</source>
      <translation>日期请按 2026-11-20 或 11-20 的格式填写。</translation>
    </message>
    <message>
      <source>Arrival read as {date}, after today: correct the date, or tick “date is right”.</source>
      <translation>到达日期读作 {date}，晚于今天：请改正日期，或勾选“日期无误”。</translation>
    </message>
    <message>
      <source>Arrival read as {date}, {days} days ago: correct the date, or tick “date is right”.</source>
      <translation>到达日期读作 {date}，已是 {days} 天前：请改正日期，或勾选“日期无误”。</translation>
    </message>
    <message>
      <source>Arrival dates are checked from {low} to {high} days back, not {days}.</source>
      <translation>到达日期的核对天数须在 {low} 到 {high} 天之间，不能是 {days}。</translation>
    </message>
    <message>
      <source>This is a vehicle plate: register a vehicle on the vehicle form (F2).</source>
      <translation>这是车牌号：车辆请在车辆登记表中登记（F2）。</translation>
    </message>
    <message>
      <source>Outsiders are registered with an identity document number.</source>
      <translation>外来人员须登记证件号码。</translation>
    </message>
    <message>
      <source>Outsiders are registered with a phone number.</source>
      <translation>外来人员须登记电话号码。</translation>
    </message>
    <message>
      <source>Say why they are coming in.</source>
      <translation>请填写来访事由。</translation>
    </message>
    <message>
      <source>Choose a province from the list.</source>
      <translation>请从列表中选择省份。</translation>
    </message>
    <message>
      <source>Say which province they came from.</source>
      <translation>请填写从哪个省份来。</translation>
    </message>
    <message>
      <source>Enter the ID number.</source>
      <translation>请输入身份证号码。</translation>
    </message>
    <message>
      <source>This is an old 15-digit number: enter the 18-character number from the current ID card.</source>
      <translation>这是旧的 15 位号码：请输入现用身份证上的 18 位号码。</translation>
    </message>
    <message>
      <source>An ID number has 18 characters; {count} were typed.</source>
      <translation>身份证号码为 18 位，当前输入了 {count} 位。</translation>
    </message>
    <message>
      <source>Character {position} of the ID number is "{char}"; only digits are allowed there (X only at the end).</source>
      <translation>身份证号码第 {position} 位是“{char}”，此处只能是数字（X 只能在最后一位）。</translation>
    </message>
    <message>
      <source>The last character of the ID number must be a digit or X, not "{char}".</source>
      <translation>身份证号码最后一位必须是数字或 X，不能是“{char}”。</translation>
    </message>
    <message>
      <source>The ID number starts with {code}, which is not a province code; check the first two digits.</source>
      <translation>身份证号码以 {code} 开头，这不是省级行政区划代码；请核对前两位。</translation>
    </message>
    <message>
      <source>The first six digits {code} are not a known region code; check them against the card.</source>
      <translation>前六位 {code} 不是已知的行政区划代码；请对照证件核对。</translation>
    </message>
    <message>
      <source>The birth date digits {digits} (characters 7 to 14) are not a real date.</source>
      <translation>出生日期 {digits}（第 7 至 14 位）不是有效日期。</translation>
    </message>
    <message>
      <source>The birth date {date} in the ID number is in the future; check characters 7 to 14.</source>
      <translation>身份证号码中的出生日期 {date} 晚于今天；请核对第 7 至 14 位。</translation>
    </message>
    <message>
      <source>The birth date {date} in the ID number is before 1900; check characters 7 to 14.</source>
      <translation>身份证号码中的出生日期 {date} 早于 1900 年；请核对第 7 至 14 位。</translation>
    </message>
    <message>
      <source>The last character does not match the rest of the ID number: a digit is probably mistyped.</source>
      <translation>校验位与身份证号码其余部分不符：可能有数字输错。</translation>
    </message>
    <message>
      <source>Enter the document number.</source>
      <translation>请输入证件号码。</translation>
    </message>
    <message>
      <source>The document number contains an invisible control character; retype it.</source>
      <translation>证件号码中含有不可见的控制字符，请重新输入。</translation>
    </message>
    <message>
      <source>The document number is {count} characters long; at most {limit} are allowed.</source>
      <translation>证件号码有 {count} 位，最多允许 {limit} 位。</translation>
    </message>
    <message>
      <source>The document number may contain only letters and digits, not "{char}".</source>
      <translation>证件号码只能包含字母和数字，不能包含“{char}”。</translation>
    </message>
    <message>
      <source>A Hong Kong/Macau permit number starts with H (Hong Kong) or M (Macau), not "{char}".</source>
      <translation>港澳居民来往内地通行证号码以 H（香港）或 M（澳门）开头，不能以“{char}”开头。</translation>
    </message>
    <message>
      <source>After the letter {letter}, a Hong Kong/Macau permit number has 8 or 10 digits; {count} characters were typed.</source>
      <translation>港澳居民来往内地通行证号码在字母 {letter} 之后应有 8 位或 10 位数字，当前输入了 {count} 位。</translation>
    </message>
    <message>
      <source>A Taiwan permit number has 8 digits (10 characters on older permits); {count} characters were typed.</source>
      <translation>台湾居民来往大陆通行证号码为 8 位数字（旧版为 10 位）；当前输入了 {count} 位。</translation>
    </message>
    <message>
      <source>A passport number has 5 to 20 letters and digits; {count} were typed.</source>
      <translation>护照号码由 5 至 20 位字母和数字组成，当前输入了 {count} 位。</translation>
    </message>
    <message>
      <source>Line {line}: "{text}" is not a province or province/city, e.g. 湖北 or 湖北/武汉.</source>
      <translation>第 {line} 行：“{text}”不是“省份”或“省份/城市”，应写作如 湖北 或 湖北/武汉。</translation>
    </message>
    <message>
      <source>The observation window must be {low} to {high} days, not {days}.</source>
      <translation>观察期须为 {low} 至 {high} 天，不能是 {days} 天。</translation>
    </message>
    <message>
      <source>Arrival date is required for someone from a key area ({area}).</source>
      <translation>来自重点地区（{area}）的人员须填写到达日期。</translation>
    </message>
    <message>
      <source>Arrival date is required for a vehicle with a plate from a key area ({area}).</source>
      <translation>车牌属重点地区（{area}）的车辆须填写抵达日期。</translation>
    </message>
    <message>
      <source>Enter the phone number.</source>
      <translation>请输入电话号码。</translation>
    </message>
    <message>
      <source>Only +86 numbers are mainland numbers; tick "foreign phone" for other countries.</source>
      <translation>只有 +86 的号码才是大陆号码；其他国家或地区的号码请勾选“境外”。</translation>
    </message>
    <message>
      <source>A phone number contains only digits, not "{char}".</source>
      <translation>电话号码只能包含数字，不能包含“{char}”。</translation>
    </message>
    <message>
      <source>A mobile number has 11 digits; {count} were typed.</source>
      <translation>手机号码为 11 位，当前输入了 {count} 位。</translation>
    </message>
    <message>
      <source>A mobile number starts with 13 to 19, not {start}.</source>
      <translation>手机号码以 13 至 19 开头，不能以 {start} 开头。</translation>
    </message>
    <message>
      <source>A phone number contains only digits after the +, not "{char}".</source>
      <translation>电话号码的 + 之后只能是数字，不能包含“{char}”。</translation>
    </message>
    <message>
      <source>A foreign number has 6 to 15 digits with the country code; {count} were typed.</source>
      <translation>境外号码连同国家代码为 6 至 15 位数字，当前输入了 {count} 位。</translation>
    </message>
    <message>
      <source>Enter the temperature.</source>
      <translation>请输入体温。</translation>
    </message>
    <message>
      <source>Enter the temperature as a number like 36.5, not "{text}".</source>
      <translation>体温请填写数字，如 36.5，不能是“{text}”。</translation>
    </message>
    <message>
      <source>Enter the temperature with one decimal only, like 36.5 (typed: {text}).</source>
      <translation>体温只保留一位小数，如 36.5（当前输入：{text}）。</translation>
    </message>
    <message>
      <source>Type the decimal after the point, like 36.5 (typed: {text}).</source>
      <translation>请在小数点后填写一位数字，如 36.5（当前输入：{text}）。</translation>
    </message>
    <message>
      <source>Type the decimal point: did you mean {suggestion}?</source>
      <translation>请输入小数点：是否应为 {suggestion}？</translation>
    </message>
    <message>
      <source>Say whether this item is present or missing.</source>
      <translation>请选择此项是“在位”还是“缺项”。</translation>
    </message>
    <message>
      <source>A missing item needs a note: what is missing and what is being done about it.</source>
      <translation>缺项须填写说明：缺什么、正在如何处理。</translation>
    </message>
    <message>
      <source>{value} °C is outside {low} to {high} °C: probably a misreading, measure again.</source>
      <translation>{value} °C 不在 {low} 至 {high} °C 范围内：可能读数有误，请重新测量。</translation>
    </message>
    <message>
      <source>Measure someone on duty with the thermometer and type the reading: it shows whether the thermometer works.</source>
      <translation>请用测温仪给一名当班人员测温并填写读数，以确认测温仪工作正常。</translation>
    </message>
    <message>
      <source>A reference reading of {reading} °C is below {limit} °C: the thermometer may be broken (or the forehead is cold). Measure again indoors after a few minutes, or record the thermometer missing with a note.</source>
      <translation>参考读数 {reading} °C 低于 {limit} °C：测温仪可能已损坏（或额头受凉）。请在室内休息几分钟后重测，或将测温仪记为缺项并填写说明。</translation>
    </message>
    <message>
      <source>A reference reading of {reading} °C is at or above the fever threshold {limit} °C: the thermometer may read high. Measure another person on duty, or record the thermometer missing with a note.</source>
      <translation>参考读数 {reading} °C 达到或超过发热标准 {limit} °C：测温仪读数可能偏高。请给另一名当班人员测温，或将测温仪记为缺项并填写说明。</translation>
    </message>
    <message>
      <source>Enter the temperature: every person passing is measured.</source>
      <translation>请输入体温：每位通行人员都要测温。</translation>
    </message>
    <message>
      <source>{value} °C is at or above {threshold} °C: re-measure with another method or after a few minutes' rest, and enter the second reading.</source>
      <translation>{value} °C 达到或超过 {threshold} °C：请换一种测温方式或休息几分钟后复测，并填写复测体温。</translation>
    </message>
    <message>
      <source>{value} °C is too low for a body temperature (cold forehead?): measure again, e.g. at the wrist, and enter the second reading.</source>
      <translation>{value} °C 低于正常体温（额头受冷？）：请重新测量（如测手腕），并填写复测体温。</translation>
    </message>
    <message>
      <source>Character {position} is an invisible control character (code {code}); delete it and retype.</source>
      <translation>第 {position} 个字符是不可见的控制字符（代码 {code}），请删除后重新输入。</translation>
    </message>
    <message>
      <source>Too long: {count} characters, at most {limit} allowed.</source>
      <translation>内容过长：共 {count} 个字，最多 {limit} 个。</translation>
    </message>
    <message>
      <source>Enter the name.</source>
      <translation>请输入姓名。</translation>
    </message>
    <message>
      <source>This resident is no longer on the residents list: register them as typed.</source>
      <translation>此住户已不在住户名单上：请按所填信息登记。</translation>
    </message>
    <message>
      <source>Say why this entry is void (at least 2 characters).</source>
      <translation>请说明作废原因（至少 2 个字）。</translation>
    </message>
    <message>
      <source>The rules do not let this exit through as it is (a fever, or the watchlist): register it on the form, where the guard decides.</source>
      <translation>按规则此次离开不能直接放行（发热或在重点人员名单上）：请在登记表中登记，由值班人员决定处置。</translation>
    </message>
    <message>
      <source>This vehicle's entry has no plate: register its exit on the vehicle form.</source>
      <translation>该车辆的进入登记没有车牌：请在车辆登记表中登记其离开。</translation>
    </message>
    <message>
      <source>This entry no longer exists.</source>
      <translation>此记录已不存在。</translation>
    </message>
    <message>
      <source>This entry is void: there is nothing to check out.</source>
      <translation>该登记已作废，无需登记离开。</translation>
    </message>
    <message>
      <source>No. {seq} is an exit, not an entry: only entries are checked out.</source>
      <translation>第 {seq} 号是离开登记，不是进入登记：只有进入登记才能登记离开。</translation>
    </message>
    <message>
      <source>No. {seq} was not let in: there is nothing to check out.</source>
      <translation>第 {seq} 号未获放行进入，无需登记离开。</translation>
    </message>
    <message>
      <source>No. {seq} is a resident's entry: residents are not checked out.</source>
      <translation>第 {seq} 号是本小区居民的登记：居民无需登记离开。</translation>
    </message>
    <message>
      <source>No. {seq} was already checked out (exit No. {exit}).</source>
      <translation>第 {seq} 号已登记离开（离开登记第 {exit} 号）。</translation>
    </message>
    <message>
      <source>A vehicle's entry cannot be corrected in the person form: void it and register the vehicle again.</source>
      <translation>车辆登记不能在人员表单中更正：请作废后重新登记该车辆。</translation>
    </message>
    <message>
      <source>This entry is already void.</source>
      <translation>此记录已作废。</translation>
    </message>
    <message>
      <source>The fever threshold must be between 37.0 and 38.5 °C.</source>
      <translation>发热阈值须在 37.0 至 38.5 °C 之间。</translation>
    </message>
    <message>
      <source>Choose whose identity is registered in a vehicle.</source>
      <translation>请选择车内哪些人员需登记身份。</translation>
    </message>
    <message>
      <source>Choose on or off.</source>
      <translation>请选择开或关。</translation>
    </message>
    <message>
      <source>Choose who may still come in from the list of categories.</source>
      <translation>请从类别中选择仍可进入的人员。</translation>
    </message>
    <message>
      <source>The pass codes' prefix is up to 8 letters or digits (e.g. JB), or empty.</source>
      <translation>出入证号开头最多 8 个字母或数字（例如 JB），也可留空。</translation>
    </message>
    <message>
      <source>The desk locks after {low} to {high} minutes without use.</source>
      <translation>自动锁定时间须为 {low} 至 {high} 分钟。</translation>
    </message>
    <message>
      <source>Choose a folder or a drive for the backups.</source>
      <translation>请为备份选择一个文件夹或U盘。</translation>
    </message>
    <message>
      <source>Keep {low} to {high} backups.</source>
      <translation>保留 {low} 至 {high} 份备份。</translation>
    </message>
    <message>
      <source>Give the station a name.</source>
      <translation>请填写站点名称。</translation>
    </message>
    <message>
      <source>The code is 3–20 letters, digits or '-', e.g. JB-TSP-01.</source>
      <translation>站点编码为 3–20 位字母、数字或“-”，如 JB-TSP-01。</translation>
    </message>
    <message>
      <source>Choose the kind of station.</source>
      <translation>请选择站点类型。</translation>
    </message>
    <message>
      <source>Say which district the station is in.</source>
      <translation>请填写站点所在区县。</translation>
    </message>
    <message>
      <source>Choose the station's province.</source>
      <translation>请选择站点所在省份。</translation>
    </message>
    <message>
      <source>Code {code} is already used by another station.</source>
      <translation>编码 {code} 已被其他站点使用。</translation>
    </message>
    <message>
      <source>{path} is the demo register of station {code}, not of {asked}: give each post its own --data-dir.</source>
      <translation>{path} 是站点 {code} 的演示登记簿，不是 {asked} 的：请为每个卡口指定各自的 --data-dir。</translation>
    </message>
    <message>
      <source>{path} is the register of station {code} ({count} entries), not a demo register: demo data goes only into a new register or a demo one. Give --data-dir an empty folder.</source>
      <translation>{path} 是站点 {code} 的登记簿（{count} 条记录），不是演示登记簿：演示数据只能放入新的或演示用的登记簿。请给 --data-dir 指定一个空文件夹。</translation>
    </message>
    <message>
      <source>There is no register at {path}. Start the app once, or check --data-dir.</source>
      <translation>{path} 处没有登记簿。请先启动一次本软件，或检查 --data-dir。</translation>
    </message>
    <message>
      <source>{path} is a folder, not a register file.</source>
      <translation>{path} 是一个文件夹，不是登记簿文件。</translation>
    </message>
    <message>
      <source>The register file cannot be read: {reason}.</source>
      <translation>无法读取登记簿文件：{reason}。</translation>
    </message>
    <message>
      <source>The register is encrypted: only its file was checked. To check its contents too, give --operator and that operator's PIN.</source>
      <translation>登记簿已加密：只检查了文件本身。要同时检查其内容，请用 --operator 并输入该值班人员的 PIN 码。</translation>
    </message>
    <message>
      <source>The register file is not an SQLite database (damaged or replaced), or it is encrypted and its key file register.keys is missing. Restore the last backup (with its .keys file).</source>
      <translation>登记簿文件不是 SQLite 数据库（已损坏或被替换），或者它已加密而缺少密钥文件 register.keys。请恢复最近一次备份（连同其 .keys 文件）。</translation>
    </message>
    <message>
      <source>The register file is another program's database (tables {tables}): this app will not use it. Move it away, or give --data-dir another folder.</source>
      <translation>登记簿文件是其他程序的数据库（数据表：{tables}）：本软件不会使用它。请把它移走，或用 --data-dir 指定另一个文件夹。</translation>
    </message>
    <message>
      <source>The write-ahead log {path} cannot be read here (read-only media): the check covers the register as of its last checkpoint. Start the app where the folder can be written to bring the log in.</source>
      <translation>此处无法读取预写日志 {path}（只读介质）：本次检查只包括上次检查点时的登记簿内容。请在可写入的位置启动本软件，把日志并入登记簿。</translation>
    </message>
    <message>
      <source>Demo register: its people are synthetic (made by checkpoint-cli demo-data)</source>
      <translation>演示登记簿：其中的人员是模拟的（由 checkpoint-cli demo-data 生成）</translation>
    </message>
    <message>
      <source>The register cannot be read ({reason}): it may be damaged. Restore the last backup, or call your supervisor.</source>
      <translation>无法读取登记簿（{reason}）：可能已损坏。请恢复最近一次备份，或联系负责人。</translation>
    </message>
    <message>
      <source>The register file is empty (0 bytes) although this folder was in use ({traces}): its contents are lost. Do not delete anything; restore the last backup.</source>
      <translation>登记簿文件是空的（0 字节），但该文件夹曾经使用过（{traces}）：其内容已丢失。请勿删除任何文件；请恢复最近一次备份。</translation>
    </message>
    <message>
      <source>The register file is empty (0 bytes) and the folder holds nothing else: the app will start a new register in it.</source>
      <translation>登记簿文件是空的（0 字节），文件夹中也没有其他内容：本软件将在其中新建登记簿。</translation>
    </message>
    <message>
      <source>The register file is cut short: it is {size} bytes, {expected} expected. Restore the last backup.</source>
      <translation>登记簿文件被截短：现有 {size} 字节，应有 {expected} 字节。请恢复最近一次备份。</translation>
    </message>
    <message>
      <source>File length: complete ({pages} pages of {page_size} bytes)</source>
      <translation>文件长度：完整（{pages} 页，每页 {page_size} 字节）</translation>
    </message>
    <message>
      <source>SQLite integrity check: ok</source>
      <translation>SQLite 完整性检查：正常</translation>
    </message>
    <message>
      <source>SQLite integrity check failed: {details}. Restore the last backup.</source>
      <translation>SQLite 完整性检查未通过：{details}。请恢复最近一次备份。</translation>
    </message>
    <message>
      <source>{count} rows point at rows that do not exist (foreign keys).</source>
      <translation>有 {count} 行指向不存在的行（外键）。</translation>
    </message>
    <message>
      <source>Foreign keys: ok</source>
      <translation>外键：正常</translation>
    </message>
    <message>
      <source>Schema version: {version} (current)</source>
      <translation>数据结构版本：{version}（最新）</translation>
    </message>
    <message>
      <source>The register has no schema version: it was not made by this app, or its first start was interrupted.</source>
      <translation>登记簿没有数据结构版本：它不是本软件创建的，或首次启动被中断。</translation>
    </message>
    <message>
      <source>Schema version {version} is older than {head}: start the app to upgrade it.</source>
      <translation>数据结构版本 {version} 比 {head} 旧：请启动本软件进行升级。</translation>
    </message>
    <message>
      <source>Schema version {version} is newer than this app ({head}): install the newer app.</source>
      <translation>数据结构版本 {version} 比本软件（{head}）新：请安装更新版本的软件。</translation>
    </message>
    <message>
      <source>Stored values: every time, date and text readable ({rows} rows of {tables})</source>
      <translation>保存的内容：所有时间、日期和文字均可读取（{tables} 共 {rows} 行）</translation>
    </message>
    <message>
      <source>… and {count} more stored values that cannot be read ({rows} rows damaged in all).</source>
      <translation>……另有 {count} 个保存的内容无法读取（共 {rows} 行受损）。</translation>
    </message>
    <message>
      <source>Entry No. {seq} (station {station}): the stored time ({column}) cannot be read.</source>
      <translation>第 {seq} 号登记（站点 {station}）：保存的时间（{column}）无法读取。</translation>
    </message>
    <message>
      <source>Entry No. {seq} (station {station}): the stored date ({column}) cannot be read.</source>
      <translation>第 {seq} 号登记（站点 {station}）：保存的日期（{column}）无法读取。</translation>
    </message>
    <message>
      <source>Entry No. {seq} (station {station}): the stored text ({column}) is damaged (not UTF-8).</source>
      <translation>第 {seq} 号登记（站点 {station}）：保存的文字（{column}）已损坏（不是 UTF-8）。</translation>
    </message>
    <message>
      <source>Table {table}, row {row}: the stored time ({column}) cannot be read.</source>
      <translation>表 {table}（{row}）：保存的时间（{column}）无法读取。</translation>
    </message>
    <message>
      <source>Table {table}, row {row}: the stored date ({column}) cannot be read.</source>
      <translation>表 {table}（{row}）：保存的日期（{column}）无法读取。</translation>
    </message>
    <message>
      <source>Table {table}, row {row}: the stored text ({column}) is damaged (not UTF-8).</source>
      <translation>表 {table}（{row}）：保存的文字（{column}）已损坏（不是 UTF-8）。</translation>
    </message>
    <message>
      <source>Station {code}: sequence number {seq} is used but the next one is {next}.</source>
      <translation>站点 {code}：序号 {seq} 已被使用，但下一个序号是 {next}。</translation>
    </message>
    <message>
      <source>Station {code}: sequence numbers repeat.</source>
      <translation>站点 {code}：序号有重复。</translation>
    </message>
    <message>
      <source>Station {code}: missing sequence numbers {numbers} ({count} entries deleted?).</source>
      <translation>站点 {code}：缺少序号 {numbers}（{count} 条记录被删除？）。</translation>
    </message>
    <message>
      <source>Station {code}: {count} entries, sequence numbers complete (next {next})</source>
      <translation>站点 {code}：{count} 条记录，序号完整（下一个 {next}）</translation>
    </message>
    <message>
      <source>Station {code}: {count} entries have lost their person (No. {numbers}): they cannot be shown. Restore the last backup, or call your supervisor.</source>
      <translation>站点 {code}：{count} 条记录丢失了登记的人员（第 {numbers} 号）：无法显示。请恢复最近一次备份，或联系负责人。</translation>
    </message>
    <message>
      <source>Station {code}: {count} entries of a person on foot hold more than one person (No. {numbers}). Restore the last backup, or call your supervisor.</source>
      <translation>站点 {code}：{count} 条步行人员登记含有不止一名人员（第 {numbers} 号）。请恢复最近一次备份，或联系负责人。</translation>
    </message>
    <message>
      <source>Station {code}: {count} entries are marked for fever or key area unlike their persons (No. {numbers}): the register's filters and counts are wrong for them.</source>
      <translation>站点 {code}：{count} 条记录的发热或重点地区标记与其人员不符（第 {numbers} 号）：登记簿的筛选和统计对这些记录有误。</translation>
    </message>
    <message>
      <source>Entries and persons: {count} entries with {persons} persons, each entry with its persons, its fever and key-area marks theirs</source>
      <translation>记录与人员：{count} 条记录共 {persons} 名人员，每条记录的人员齐全，发热和重点地区标记与其人员一致</translation>
    </message>
    <message>
      <source>Station {code}: the name search is out of step for {count} entries (No. {numbers}): searching by name may miss them. Restore the last backup, or call your supervisor.</source>
      <translation>站点 {code}：{count} 条记录的姓名查找索引不一致（第 {numbers} 号）：按姓名查找可能找不到。请恢复最近一次备份，或联系负责人。</translation>
    </message>
    <message>
      <source>Name search: every person's name indexed</source>
      <translation>姓名查找：所有人员的姓名均已编入索引</translation>
    </message>
    <message>
      <source>The ID number and phone search index is missing: searching by ID number or phone cannot work. Restore the last backup, or call your supervisor.</source>
      <translation>证件号码和电话的查找索引缺失：无法按证件号码或电话查找。请恢复最近一次备份，或联系负责人。</translation>
    </message>
    <message>
      <source>Station {code}: {count} entries are missing from the ID number and phone search (No. {numbers}): searching by ID number or phone does not find them. Restore the last backup, or call your supervisor.</source>
      <translation>站点 {code}：{count} 条记录不在证件号码和电话的查找索引中（第 {numbers} 号）：按证件号码或电话查找不到。请恢复最近一次备份，或联系负责人。</translation>
    </message>
    <message>
      <source>The ID number and phone search holds {count} persons that are not in the register. Restore the last backup, or call your supervisor.</source>
      <translation>证件号码和电话的查找索引中有 {count} 名登记簿中不存在的人员。请恢复最近一次备份，或联系负责人。</translation>
    </message>
    <message>
      <source>ID number and phone search: every person indexed</source>
      <translation>证件号码和电话查找：所有人员均已编入索引</translation>
    </message>
    <message>
      <source>Audit log: {count} events, hash chain whole, but {path} cannot be read (damaged or edited): whether the newest events were deleted cannot be checked. Keep a copy of it, then move it aside: the app keeps a new one.</source>
      <translation>审计日志：共 {count} 条记录，哈希链完整，但 {path} 无法读取（已损坏或被修改）：无法检查最新记录是否被删除。请先复制保存该文件，再将其移走：程序会重新保存一个。</translation>
    </message>
    <message>
      <source>Audit log: {count} events, hash chain whole, but {path} is missing: whether the newest events were deleted cannot be checked. The app writes it again at its next audited action.</source>
      <translation>审计日志：共 {count} 条记录，哈希链完整，但 {path} 不存在：无法检查最新记录是否被删除。程序在下一次记入审计日志的操作时会重新写入该文件。</translation>
    </message>
    <message>
      <source>Audit log: {count} events, hash chain intact</source>
      <translation>审计日志：共 {count} 条记录，哈希链完整</translation>
    </message>
    <message>
      <source>Audit log: event {id} was changed after it was written (its hash does not match). The log has been tampered with: keep the file as it is and tell the responsible office.</source>
      <translation>审计日志：第 {id} 条记录在写入后被修改（哈希值不符）。日志已被篡改：请保持文件原样并报告主管部门。</translation>
    </message>
    <message>
      <source>Audit log: the events just before event {id} are missing (the numbers skip). The log has been tampered with: keep the file as it is and tell the responsible office.</source>
      <translation>审计日志：第 {id} 条之前的记录缺失（编号不连续）。日志已被篡改：请保持文件原样并报告主管部门。</translation>
    </message>
    <message>
      <source>Audit log: the events from event {id} on are missing (the register ends before the last event recorded in {path}). If a backup was restored, that is expected: move {path} aside. Otherwise the log has been tampered with: tell the responsible office.</source>
      <translation>审计日志：从第 {id} 条起的记录缺失（登记册在 {path} 所记录的最新记录之前就结束了）。如果恢复过备份，这属正常：请将 {path} 移走。否则日志已被篡改：请报告主管部门。</translation>
    </message>
    <message>
      <source>Audit log: event {id} is not the event recorded in {path} as the newest: events were deleted and others written, or rewritten. The log has been tampered with: keep the file as it is and tell the responsible office.</source>
      <translation>审计日志：第 {id} 条不是 {path} 所记录的最新记录：记录被删除后又写入了其他记录，或被改写。日志已被篡改：请保持文件原样并报告主管部门。</translation>
    </message>
    <message>
      <source>Audit log: event {id} does not follow the event before it: events were deleted, inserted or moved. The log has been tampered with: keep the file as it is and tell the responsible office.</source>
      <translation>审计日志：第 {id} 条记录与前一条接不上：有记录被删除、插入或移动。日志已被篡改：请保持文件原样并报告主管部门。</translation>
    </message>
    <message>
      <source>{path} can be read by other users of this computer (mode {mode}; private is {wanted}). Start the app once (it narrows its own files) or run: chmod {wanted} {path}</source>
      <translation>本机其他用户可以读取 {path}（权限 {mode}；应为私有的 {wanted}）。请启动一次本软件（它会收紧自己的文件权限），或运行：chmod {wanted} {path}</translation>
    </message>
    <message>
      <source>… and {count} more files open to other users.</source>
      <translation>……另有 {count} 个文件对其他用户开放。</translation>
    </message>
    <message>
      <source>Permissions: private to this user</source>
      <translation>权限：仅当前用户可访问</translation>
    </message>
    <message>
      <source>The PIN is digits only.</source>
      <translation>PIN 码只能是数字。</translation>
    </message>
    <message>
      <source>The PIN is {low} to {high} digits.</source>
      <translation>PIN 码为 {low} 至 {high} 位数字。</translation>
    </message>
    <message>
      <source>This PIN is too easy to guess (a run, a repeat or a common PIN). Choose another.</source>
      <translation>此 PIN 码太容易被猜到（连号、重复或常用号码），请换一个。</translation>
    </message>
    <message>
      <source>The PIN must not be your birth date or part of your ID number.</source>
      <translation>PIN 码不能是您的出生日期或证件号码的一部分。</translation>
    </message>
    <message>
      <source>Nobody is logged in at this desk (or the login has ended): log in again.</source>
      <translation>本机当前无人登录（或登录已结束）：请重新登录。</translation>
    </message>
    <message>
      <source>Only a supervisor (负责人) may do this. Ask the supervisor on duty.</source>
      <translation>只有负责人可以进行此操作，请找当班负责人。</translation>
    </message>
    <message>
      <source>Too many wrong PINs: this operator is locked for {minutes} more minutes.</source>
      <translation>PIN 码错误次数过多：该值班人员已锁定，还需 {minutes} 分钟。</translation>
    </message>
    <message>
      <source>No operator of that name can log in here. A supervisor adds operators.</source>
      <translation>没有可登录的该名值班人员。值班人员由负责人添加。</translation>
    </message>
    <message>
      <source>Wrong PIN. {left} more tries before a 5-minute lock.</source>
      <translation>PIN 码错误。再错 {left} 次将锁定 5 分钟。</translation>
    </message>
    <message>
      <source>This escrow key does not open this register (it was wrapped to the key with fingerprint {fingerprint}).</source>
      <translation>此托管密钥打不开本登记簿（登记簿密钥是为指纹为 {fingerprint} 的密钥封装的）。</translation>
    </message>
    <message>
      <source>Wrong name or PIN.</source>
      <translation>姓名或 PIN 码错误。</translation>
    </message>
    <message>
      <source>This station already has a supervisor: log in.</source>
      <translation>本站已有负责人：请登录。</translation>
    </message>
    <message>
      <source>There is already an operator called {name}.</source>
      <translation>已有名为 {name} 的值班人员。</translation>
    </message>
    <message>
      <source>This is the station's only supervisor: add another supervisor first.</source>
      <translation>这是本站唯一的负责人：请先添加另一名负责人。</translation>
    </message>
    <message>
      <source>This operator no longer exists.</source>
      <translation>该值班人员已不存在。</translation>
    </message>
    <message>
      <source>Say why the full value is needed (at least 2 characters).</source>
      <translation>请说明查看完整信息的原因（至少 2 个字）。</translation>
    </message>
    <message>
      <source>A shift is on duty since {since}: hand it over or end it first.</source>
      <translation>已有一个班次自 {since} 起在值班：请先交接班或结束该班次。</translation>
    </message>
    <message>
      <source>Tick your own name too: whoever starts a shift is on duty in it.</source>
      <translation>请勾选您自己：开始班次的人即为当班人员。</translation>
    </message>
    <message>
      <source>No shift is on duty: start one instead.</source>
      <translation>当前没有班次在值班：请改为开始值班。</translation>
    </message>
    <message>
      <source>The outgoing operator chosen is not on duty in this shift.</source>
      <translation>所选交班人员不在本班次当班。</translation>
    </message>
    <message>
      <source>The outgoing operator cannot also take over: choose who comes on duty.</source>
      <translation>交班人员不能同时接班：请选择接班人员。</translation>
    </message>
    <message>
      <source>Hand over as someone on duty now or as one taking over: log in as one of them.</source>
      <translation>只有当班人员或接班人员可以办理交接班：请以其中一人的身份登录。</translation>
    </message>
    <message>
      <source>No shift is on duty: there is nothing to end.</source>
      <translation>当前没有班次在值班：无需结束。</translation>
    </message>
    <message>
      <source>No shift is on duty: start a shift, then check the seven ones.</source>
      <translation>当前没有班次在值班：请先开始值班，再检查“七个一”。</translation>
    </message>
    <message>
      <source>Tick who is on duty (at least one operator).</source>
      <translation>请勾选当班人员（至少一人）。</translation>
    </message>
    <message>
      <source>An operator chosen is no longer on the station's list: open the list again and choose.</source>
      <translation>所选人员已不在本站名单中：请重新打开名单选择。</translation>
    </message>
    <message>
      <source>{day} has not happened yet: choose today or an earlier day.</source>
      <translation>{day} 还没有到：请选择今天或更早的日期。</translation>
    </message>
    <message>
      <source>{path} cannot be written ({reason}). Choose another file or folder.</source>
      <translation>无法写入 {path}（{reason}）。请换一个文件或文件夹。</translation>
    </message>
    <message>
      <source>{path} is a folder: give a file name.</source>
      <translation>{path} 是文件夹：请给出文件名。</translation>
    </message>
    <message>
      <source>{path} is the station's register or one of its files (or another database): it is never written over. Choose another file name.</source>
      <translation>{path} 是本站登记库或其文件（或其他数据库），不会被覆盖。请换一个文件名。</translation>
    </message>
    <message>
      <source>Set up the station profile before making a report.</source>
      <translation>请先设置卡口信息，再生成日报。</translation>
    </message>
    <message>
      <source>Save the CSV as GB18030 or as UTF-8 with BOM (not {encoding}).</source>
      <translation>CSV 只能保存为 GB18030 或带 BOM 的 UTF-8（不能用 {encoding}）。</translation>
    </message>
    <message>
      <source>Enter the plate number.</source>
      <translation>请输入号牌号码。</translation>
    </message>
    <message>
      <source>Character {position} is "{char}": plates never use the letters I and O (they would read as 1 and 0).</source>
      <translation>第 {position} 位是“{char}”：号牌从不使用字母 I 和 O（易与 1 和 0 混淆）。</translation>
    </message>
    <message>
      <source>Character {position}, "{char}", is not allowed there: only letters and digits (never I or O).</source>
      <translation>第 {position} 位的“{char}”不能用在此处：只能是字母和数字（不用 I 和 O）。</translation>
    </message>
    <message>
      <source>The number after the issuing-authority letter has at most two letters; {count} were typed.</source>
      <translation>发牌机关代号之后的序号最多含两个字母，输入了 {count} 个。</translation>
    </message>
    <message>
      <source>A plate starts with a province abbreviation such as 京, 沪 or 鄂; "{char}" is not one.</source>
      <translation>号牌以省份简称开头（如京、沪、鄂），“{char}”不是省份简称。</translation>
    </message>
    <message>
      <source>The issuing-authority letter is missing after "{province}".</source>
      <translation>“{province}”之后缺少发牌机关代号。</translation>
    </message>
    <message>
      <source>The issuing-authority letter is never I.</source>
      <translation>发牌机关代号不使用字母 I。</translation>
    </message>
    <message>
      <source>After "{province}" comes the issuing-authority letter, A to Z, not "{char}".</source>
      <translation>“{province}”之后应为发牌机关代号（字母 A 至 Z），不能是“{char}”。</translation>
    </message>
    <message>
      <source>This kind of plate ends with "{suffix}".</source>
      <translation>此类号牌以“{suffix}”字结尾。</translation>
    </message>
    <message>
      <source>"{suffix}" does not belong at the end of this kind of plate.</source>
      <translation>此类号牌末尾不能有“{suffix}”字。</translation>
    </message>
    <message>
      <source>Plates ending with "{suffix}" are issued as 粤Z only, not "{prefix}".</source>
      <translation>以“{suffix}”字结尾的号牌只有粤Z，不能是“{prefix}”。</translation>
    </message>
    <message>
      <source>粤Z plates belong to Hong Kong and Macao vehicles and end with 港 or 澳.</source>
      <translation>粤Z 号牌属于港澳入出境车辆，以“港”或“澳”字结尾。</translation>
    </message>
    <message>
      <source>An ordinary plate has 7 characters and a new-energy plate 8; {count} were typed.</source>
      <translation>普通号牌为 7 位，新能源号牌为 8 位，输入了 {count} 位。</translation>
    </message>
    <message>
      <source>A plate like {example} has {expected} characters; {count} were typed.</source>
      <translation>形如 {example} 的号牌为 {expected} 位，输入了 {count} 位。</translation>
    </message>
    <message>
      <source>An 8-character plate is a new-energy plate: its energy letter comes right after the issuing-authority letter (small vehicles) or last (large vehicles); an ordinary plate has 7 characters.</source>
      <translation>8 位号牌是新能源号牌：小型车的能源字母紧跟发牌机关代号，大型车的在最后一位；普通号牌为 7 位。</translation>
    </message>
    <message>
      <source>A small new-energy plate has D, A, B, C or E (pure electric) or F, G, H, J or K (other new energy) right after the issuing-authority letter, not "{char}".</source>
      <translation>小型新能源号牌在发牌机关代号之后为 D、A、B、C、E（纯电动）或 F、G、H、J、K（非纯电动），不能是“{char}”。</translation>
    </message>
    <message>
      <source>A small new-energy plate ends with four digits; character {position} is "{char}".</source>
      <translation>小型新能源号牌的后四位是数字，第 {position} 位是“{char}”。</translation>
    </message>
    <message>
      <source>A large new-energy plate has five digits after the issuing-authority letter; character {position} is "{char}".</source>
      <translation>大型新能源号牌在发牌机关代号之后为五位数字，第 {position} 位是“{char}”。</translation>
    </message>
    <message>
      <source>A large new-energy plate ends with D (pure electric) or F (other new energy), not "{char}".</source>
      <translation>大型新能源号牌最后一位是 D（纯电动）或 F（非纯电动），不能是“{char}”。</translation>
    </message>
    <message>
      <source>An embassy plate has "使" before its six digits.</source>
      <translation>使馆号牌在六位数字之前有“使”字。</translation>
    </message>
    <message>
      <source>An embassy plate has six digits after "使", not "{char}".</source>
      <translation>使馆号牌“使”字之后为六位数字，不能有“{char}”。</translation>
    </message>
    <message>
      <source>A military plate starts with two letters (never I or O), not "{char}".</source>
      <translation>军用号牌以两个字母开头（不用 I 和 O），不能是“{char}”。</translation>
    </message>
    <message>
      <source>A military plate has five digits after its two letters; character {position} is "{char}".</source>
      <translation>军用号牌两个字母之后为五位数字，第 {position} 位是“{char}”。</translation>
    </message>
    <message>
      <source>An armed-police plate starts with WJ.</source>
      <translation>武警号牌以 WJ 开头。</translation>
    </message>
    <message>
      <source>An armed-police plate has 5 to 7 letters and digits after WJ and its province abbreviation, if any; {count} were typed.</source>
      <translation>武警号牌在 WJ（及省份简称，如有）之后有 5 至 7 位字母和数字，输入了 {count} 位。</translation>
    </message>
    <message>
      <source>Enter the plate number, or describe the plate if it cannot be read.</source>
      <translation>请输入号牌号码；无法辨认时请描述号牌。</translation>
    </message>
    <message>
      <source>Say how many people are in the vehicle.</source>
      <translation>请填写车内人数。</translation>
    </message>
    <message>
      <source>The occupant count is a whole number, not "{text}".</source>
      <translation>车内人数应为整数，不是“{text}”。</translation>
    </message>
    <message>
      <source>A vehicle has at least its driver: the count is 1 or more.</source>
      <translation>车上至少有驾驶员：人数至少为 1。</translation>
    </message>
    <message>
      <source>At most {limit} people are registered in this kind of vehicle (a station setting); {count} were typed.</source>
      <translation>此类车辆最多登记 {limit} 人（卡口设置）；输入了 {count} 人。</translation>
    </message>
    <message>
      <source>This is an ID number, not a plate: type it in the driver's ID field.</source>
      <translation>这是身份证号，不是车牌：请填入驾驶员的证件号码栏。</translation>
    </message>
    <message>
      <source>This looks like a name, not a plate: a plate is a province abbreviation, a letter and five letters or digits (鄂A12345).</source>
      <translation>这像是姓名，不是车牌：车牌为省份简称、一个字母及五位字母或数字（如鄂A12345）。</translation>
    </message>
    <message>
      <source>Choose the kind of vehicle.</source>
      <translation>请选择车辆类型。</translation>
    </message>
    <message>
      <source>{count} occupants were counted but {rows} were checked: each one needs a temperature.</source>
      <translation>车内人数为 {count}，但只测了 {rows} 人：每人都须测温。</translation>
    </message>
    <message>
      <source>Say which province the vehicle comes from.</source>
      <translation>请填写车辆来自哪个省份。</translation>
    </message>
    <message>
      <source>The occupant limits are one number for each kind of vehicle.</source>
      <translation>载员上限为每类车辆一个数字。</translation>
    </message>
    <message>
      <source>"{key}" is not a kind of vehicle.</source>
      <translation>“{key}”不是车辆类型。</translation>
    </message>
    <message>
      <source>An occupant limit is a whole number from 1 to {high}.</source>
      <translation>载员上限为 1 到 {high} 的整数。</translation>
    </message>
    <message>
      <source>There is no daily item called {code}.</source>
      <translation>没有名为 {code} 的每日事项。</translation>
    </message>
    <message>
      <source>Enter the date, e.g. 2020-02-03 or 2020年2月3日.</source>
      <translation>请填写日期，例如 2020-02-03 或 2020年2月3日。</translation>
    </message>
    <message>
      <source>The year {year} is out of range ({low} to {high}).</source>
      <translation>年份 {year} 超出范围（{low} 至 {high}）。</translation>
    </message>
    <message>
      <source>{text}: there is no month {month} (the month comes before the day).</source>
      <translation>{text}：没有 {month} 月（月份写在日之前）。</translation>
    </message>
    <message>
      <source>{text}: month {month} has no day {day}.</source>
      <translation>{text}：{month} 月没有 {day} 日。</translation>
    </message>
    <message>
      <source>{text} is not a date: write it as 2020-02-03, 2020/2/3, 2020年2月3日 or 2月3日.</source>
      <translation>{text} 不是日期：请写成 2020-02-03、2020/2/3、2020年2月3日 或 2月3日。</translation>
    </message>
    <message>
      <source>{file} is not a text table (CSV) or an Excel workbook (.xlsx): it may be another kind of file renamed. Save the list from Excel as CSV or .xlsx.</source>
      <translation>{file} 不是文本表格（CSV）或 Excel 工作簿（.xlsx）：可能是改了扩展名的其他文件。请在 Excel 中将名单另存为 CSV 或 .xlsx。</translation>
    </message>
    <message>
      <source>Line {line} of {file} cannot be read as CSV (a quote is not closed?).</source>
      <translation>{file} 第 {line} 行无法按 CSV 读取（引号未闭合？）。</translation>
    </message>
    <message>
      <source>{file} cannot be read as an Excel workbook ({reason}); open it in Excel and save it again as .xlsx or CSV.</source>
      <translation>无法作为 Excel 工作簿读取 {file}（{reason}）；请用 Excel 打开后重新另存为 .xlsx 或 CSV。</translation>
    </message>
    <message>
      <source>{file} is an old Excel workbook (.xls): save it as .xlsx or CSV first.</source>
      <translation>{file} 是旧版 Excel 工作簿（.xls）：请先另存为 .xlsx 或 CSV。</translation>
    </message>
    <message>
      <source>{file} does not exist.</source>
      <translation>{file} 不存在。</translation>
    </message>
    <message>
      <source>{file} is a folder, not a file.</source>
      <translation>{file} 是文件夹，不是文件。</translation>
    </message>
    <message>
      <source>{file} cannot be read ({reason}).</source>
      <translation>无法读取 {file}（{reason}）。</translation>
    </message>
    <message>
      <source>{file} is empty: there is no list of residents in it.</source>
      <translation>{file} 是空的：里面没有住户名单。</translation>
    </message>
    <message>
      <source>The column "{column}" is not one the register knows; it was ignored.</source>
      <translation>登记本不认识列“{column}”，已忽略。</translation>
    </message>
    <message>
      <source>Two columns are for {column} ("{first}" and "{second}"); keep one.</source>
      <translation>有两列都是{column}（“{first}”和“{second}”）；请只保留一列。</translation>
    </message>
    <message>
      <source>{file} has no column for {columns}. The first row must name the columns, e.g. 姓名, 楼栋单元房号, 手机, 身份证号, 车牌, 通行证.</source>
      <translation>{file} 缺少以下列：{columns}。第一行须为列名，例如 姓名、楼栋单元房号、手机、身份证号、车牌、通行证。</translation>
    </message>
    <message>
      <source>The spreadsheet stored this ID number as a number and lost its last digits; format the column as text and type the number again.</source>
      <translation>表格把身份证号存成了数字，丢失了最后几位；请把该列设为文本格式后重新输入号码。</translation>
    </message>
    <message>
      <source>{file} names its columns but lists no residents.</source>
      <translation>{file} 只有列名，没有住户。</translation>
    </message>
    <message>
      <source>The same ID number is already on line {line}.</source>
      <translation>第 {line} 行已有相同的身份证号。</translation>
    </message>
    <message>
      <source>The same resident-pass code is already on line {line}.</source>
      <translation>第 {line} 行已有相同的出入证号。</translation>
    </message>
    <message>
      <source>{count} plates for one resident; at most {limit} are kept.</source>
      <translation>一位住户有 {count} 个车牌；最多保存 {limit} 个。</translation>
    </message>
    <message>
      <source>A resident-pass code contains only letters, digits and dashes, not "{char}".</source>
      <translation>出入证号只能包含字母、数字和短横线，不能有“{char}”。</translation>
    </message>
    <message>
      <source>The resident-pass code has {count} characters; at most {limit} are allowed.</source>
      <translation>出入证号有 {count} 个字符；最多允许 {limit} 个。</translation>
    </message>
    <message>
      <source>Enter the room as building-unit-room, e.g. 3-5-502.</source>
      <translation>请按“楼栋-单元-房号”填写房号，例如 3-5-502。</translation>
    </message>
    <message>
      <source>"{char}" is not part of a room: write it as building-unit-room, e.g. 3-5-502.</source>
      <translation>“{char}”不是房号的一部分：请按“楼栋-单元-房号”填写，例如 3-5-502。</translation>
    </message>
    <message>
      <source>A room has at most three parts (building-unit-room); {count} were given.</source>
      <translation>房号最多三段（楼栋-单元-房号），填写了 {count} 段。</translation>
    </message>
    <message>
      <source>Give the building and the room number, e.g. 3-5-502 or 3-502.</source>
      <translation>请填写楼栋和房号，例如 3-5-502 或 3-502。</translation>
    </message>
    <message>
      <source>{text} is not a room: write it as building-unit-room (3-5-502) or building-room (3-502).</source>
      <translation>{text} 不是房号：请写成 楼栋-单元-房号（3-5-502）或 楼栋-房号（3-502）。</translation>
    </message>
    <message>
      <source>The building "{building}" is too long: at most 4 letters or digits.</source>
      <translation>楼栋“{building}”太长：最多 4 个字母或数字。</translation>
    </message>
    <message>
      <source>The unit number {unit} is too long: a unit has at most 2 digits.</source>
      <translation>单元号 {unit} 太长：单元号最多 2 位数字。</translation>
    </message>
    <message>
      <source>The room number {number} is too long: a room has at most 5 digits.</source>
      <translation>房号 {number} 太长：房号最多 5 位数字。</translation>
    </message>
    <message>
      <source>Building, unit and room numbers start at 1, not 0.</source>
      <translation>楼栋、单元和房号从 1 开始，不能为 0。</translation>
    </message>
    <message>
      <source>Choose home quarantine or medical observation.</source>
      <translation>请选择居家隔离或医学观察。</translation>
    </message>
    <message>
      <source>Enter the room (building-unit-room, like 3-5-502): the household is quarantined there.</source>
      <translation>请填写房号(楼栋-单元-房号,如 3-5-502):该户在此居家隔离。</translation>
    </message>
    <message>
      <source>Enter the room or the ID number: the gate recognises the person by one of them.</source>
      <translation>请填写房号或身份证号:卡口凭其中之一识别此人。</translation>
    </message>
    <message>
      <source>The end date {end} is before the start date {start}.</source>
      <translation>结束日期 {end} 早于开始日期 {start}。</translation>
    </message>
    <message>
      <source>The moving-out day {day} is after today.</source>
      <translation>搬离日期 {day} 晚于今天。</translation>
    </message>
    <message>
      <source>This resident is no longer in the register.</source>
      <translation>登记本中已没有这位住户。</translation>
    </message>
    <message>
      <source>Another resident (room {room}) already has this ID number.</source>
      <translation>另一位住户（{room}）已使用这个身份证号。</translation>
    </message>
    <message>
      <source>This resident-pass code already belongs to a resident of room {room}.</source>
      <translation>这个出入证号已属于 {room} 的住户。</translation>
    </message>
    <message>
      <source>This resident-pass code already belongs to another resident.</source>
      <translation>这个出入证号已属于另一位住户。</translation>
    </message>
    <message>
      <source>This entry has already ended.</source>
      <translation>该条目已经结束。</translation>
    </message>
    <message>
      <source>This item takes no temperature reading.</source>
      <translation>该事项不填体温。</translation>
    </message>
    <message>
      <source>The day {day} has not come yet.</source>
      <translation>{day} 还没有到。</translation>
    </message>
    <message>
      <source>This person was not in quarantine on {day}.</source>
      <translation>此人 {day} 不在隔离期内。</translation>
    </message>
    <message>
      <source>Already ticked at {time} by {operator}. A supervisor can undo a mistaken tick.</source>
      <translation>{operator} 已于 {time} 勾选。勾错的可由负责人撤销。</translation>
    </message>
    <message>
      <source>This item has not been ticked.</source>
      <translation>该事项尚未勾选。</translation>
    </message>
    <message>
      <source>This watchlist entry no longer exists.</source>
      <translation>该管控名单条目已不存在。</translation>
    </message>
    <message>
      <source>The late hour is a time of day such as 22:00 (hours 00-23, minutes 00-59).</source>
      <translation>晚归时间应为一天中的时刻，如 22:00（时 00-23，分 00-59）。</translation>
    </message>
    <message>
      <source>An entry counts as inside for {low} to {high} days.</source>
      <translation>未离开的进入登记按 {low} 至 {high} 天计为在内。</translation>
    </message>
    <message>
      <source>The same name in the same room is already on line {line}.</source>
      <translation>同一房号的同名人员已在第 {line} 行。</translation>
    </message>
    <message>
      <source>{file} is empty: there is no watchlist in it.</source>
      <translation>{file} 是空的：里面没有管控名单。</translation>
    </message>
    <message>
      <source>{file} names its columns but lists nobody.</source>
      <translation>{file} 只有列名，没有人员。</translation>
    </message>
    <message>
      <source>{file} has no column for {columns}. The first row must name the columns, e.g. 姓名, 身份证号, 房号, 类型, 开始日期, 结束日期, 原因.</source>
      <translation>{file} 缺少以下列：{columns}。第一行须为列名，例如 姓名、身份证号、房号、类型、开始日期、结束日期、原因。</translation>
    </message>
    <message>
      <source>{file}: the signature does not match: the file was altered or not signed by {station}.</source>
      <translation>{file}：签名不符：文件被改动过，或不是 {station} 签名的。</translation>
    </message>
    <message>
      <source>{file}: its signature file (.minisig) is missing.</source>
      <translation>{file}：缺少它的签名文件（.minisig）。</translation>
    </message>
    <message>
      <source>{file}: station {station} is not enrolled here: enroll its enrollment file first.</source>
      <translation>{file}：站点 {station} 尚未在此登记备案：请先导入它的备案文件。</translation>
    </message>
    <message>
      <source>{file}: it was not encrypted to this office's key (wrong key or wrong office).</source>
      <translation>{file}：它不是用本单位的密钥加密的（密钥不对或单位不对）。</translation>
    </message>
    <message>
      <source>{file}: the file is cut short or damaged: copy it again.</source>
      <translation>{file}：文件不完整或已损坏：请重新拷贝。</translation>
    </message>
    <message>
      <source>{file}: the content does not match its manifest ({what}).</source>
      <translation>{file}：内容与其清单不符（{what}）。</translation>
    </message>
    <message>
      <source>{file}: made by a newer version (format {version}): update the office's program.</source>
      <translation>{file}：由更新版本的程序生成（格式 {version}）：请升级本单位的程序。</translation>
    </message>
    <message>
      <source>{file}: the station inside ({inside}) is not the station that signed it ({station}).</source>
      <translation>{file}：文件内的站点（{inside}）不是签名的站点（{station}）。</translation>
    </message>
    <message>
      <source>{file}: not a batch file name (CKB_&lt;station&gt;_&lt;number&gt;_&lt;days&gt;.age).</source>
      <translation>{file}：不是批次文件名（CKB_&lt;站点&gt;_&lt;编号&gt;_&lt;日期&gt;.age）。</translation>
    </message>
    <message>
      <source>{file}: not a key file of this program ({what}).</source>
      <translation>{file}：不是本程序的密钥文件（{what}）。</translation>
    </message>
    <message>
      <source>{file}: the passphrase is wrong.</source>
      <translation>{file}：口令不正确。</translation>
    </message>
    <message>
      <source>{file}: cannot be read ({what}).</source>
      <translation>{file}：无法读取（{what}）。</translation>
    </message>
    <message>
      <source>The batch written to {path} did not read back correctly ({reason}): it was removed and nothing was recorded. Try the stick again or another one.</source>
      <translation>写入 {path} 的批次回读校验失败（{reason}）：已删除，未作任何记录。请重试该 U 盘或换一个。</translation>
    </message>
    <message>
      <source>{path}: the disk is full. Nothing was recorded and no batch file was left there; free some space or use another stick.</source>
      <translation>{path}：磁盘已满。未作任何记录，也未留下批次文件；请腾出空间或换一个 U 盘。</translation>
    </message>
    <message>
      <source>{path} cannot be written ({reason}): the stick is read-only or this user may not write there. Nothing was recorded.</source>
      <translation>无法写入 {path}（{reason}）：U 盘只读，或当前用户无权写入。未作任何记录。</translation>
    </message>
    <message>
      <source>The batch could not be written to {path} ({reason}): was the stick pulled out? Nothing was recorded and no batch file was left there.</source>
      <translation>批次无法写入 {path}（{reason}）：U 盘是否已拔出？未作任何记录，也未留下批次文件。</translation>
    </message>
    <message>
      <source>The batch could not be written to {path} ({reason}). Nothing was recorded and no batch file was left there.</source>
      <translation>批次无法写入 {path}（{reason}）。未作任何记录，也未留下批次文件。</translation>
    </message>
    <message>
      <source>{path} has {free} free but the batch needs {needed}: free some space or use another stick.</source>
      <translation>{path} 只有 {free} 可用空间，批次需要 {needed}：请腾出空间或换一个 U 盘。</translation>
    </message>
    <message>
      <source>No office key has been imported: a batch could be read by nobody. Import the district office's office.pub (Station → Office keys…, or checkpoint-cli import-central-key) first.</source>
      <translation>尚未导入区疫情防控办密钥：写出的批次将无人能读。请先导入区疫情防控办的 office.pub（站点 → 区级公钥…，或 checkpoint-cli import-central-key）。</translation>
    </message>
    <message>
      <source>No escrow key has been imported: with the office key alone, a lost office key would lose the batches. Import escrow.pub (Station → Office keys…, or checkpoint-cli import-central-key --escrow) first.</source>
      <translation>尚未导入托管密钥：只有区疫情防控办密钥时，区疫情防控办密钥一旦丢失批次就无法读取。请先导入 escrow.pub（站点 → 区级公钥…，或 checkpoint-cli import-central-key --escrow）。</translation>
    </message>
    <message>
      <source>Another batch (number {number}) was written at the same time from this station: this one was taken off the stick again and nothing was recorded. Look at the ledger and export again if needed.</source>
      <translation>本卡口同时写出了另一个批次（编号 {number}）：本次的批次已从 U 盘删除，未作任何记录。请查看台账，需要时重新导出。</translation>
    </message>
    <message>
      <source>Set up the station profile before writing a batch.</source>
      <translation>写出批次前请先设置卡口信息。</translation>
    </message>
    <message>
      <source>{file} is the escrow key, not the office key: import it as the escrow key (--escrow).</source>
      <translation>{file} 是托管密钥，不是区疫情防控办密钥：请作为托管密钥导入（--escrow）。</translation>
    </message>
    <message>
      <source>{file} is the office key, not the escrow key: import it as the office key (without --escrow).</source>
      <translation>{file} 是区疫情防控办密钥，不是托管密钥：请作为区疫情防控办密钥导入（不加 --escrow）。</translation>
    </message>
    <message>
      <source>{path} is the station's own folder: write the batch onto a stick or another folder.</source>
      <translation>{path} 是本卡口自己的数据文件夹：请把批次写到 U 盘或其他文件夹。</translation>
    </message>
    <message>
      <source>The station's copy of the batch could not be kept in {path}: nothing was recorded and the batch was taken off the stick again. ({reason})</source>
      <translation>批次的卡口留存副本无法保存到 {path}：未作任何记录，批次已从 U 盘删除。（{reason}）</translation>
    </message>
    <message>
      <source>There is no batch number {number} in the ledger.</source>
      <translation>台账中没有编号为 {number} 的批次。</translation>
    </message>
    <message>
      <source>The station's copy of batch {number} ({path}) cannot be read ({reason}).</source>
      <translation>批次 {number} 的卡口留存副本（{path}）无法读取（{reason}）。</translation>
    </message>
    <message>
      <source>The station's copy of batch {number} ({path}) was altered: it is not written again.</source>
      <translation>批次 {number} 的卡口留存副本（{path}）已被改动：不再重新写出。</translation>
    </message>
    <message>
      <source>{file}: station {station} is already enrolled with another key (fingerprint {fingerprint}). Check the new key with the station by phone, then enroll it with --replace.</source>
      <translation>{file}：卡口 {station} 已用另一把密钥登记（指纹 {fingerprint}）。请先电话向该卡口核对新密钥，再用 --replace 登记。</translation>
    </message>
    <message>
      <source>{file}: station {station} already sent a different batch number {number}; this file is not the batch held here.</source>
      <translation>{file}：卡口 {station} 已发送过另一个第 {number} 号批次；此文件不是本处保存的那个批次。</translation>
    </message>
    <message>
      <source>{file}: it does not follow on from batch {number} of station {station} held here (the previous batch's hash differs).</source>
      <translation>{file}：它与本处保存的卡口 {station} 第 {number} 号批次接不上（上一批次的哈希不同）。</translation>
    </message>
    <message>
      <source>{file}: the office database refused it ({what}); nothing of it was imported.</source>
      <translation>{file}：区疫情防控办数据库拒收（{what}）；其内容均未导入。</translation>
    </message>
    <message>
      <source>{path}: no batch file (CKB_….age) there.</source>
      <translation>{path}：那里没有批次文件（CKB_….age）。</translation>
    </message>
    <message>
      <source>{path}: no such file or folder.</source>
      <translation>{path}：没有这个文件或文件夹。</translation>
    </message>
    <message>
      <source>{file} already exists: a key file is never overwritten.</source>
      <translation>{file} 已存在：密钥文件绝不覆盖。</translation>
    </message>
    <message>
      <source>The office's name must be one line of 1 to {limit} characters, without control characters.</source>
      <translation>防控办名称须为一行、1 至 {limit} 个字符，不含控制字符。</translation>
    </message>
    <message>
      <source>{file} cannot be written ({what}).</source>
      <translation>无法写入 {file}（{what}）。</translation>
    </message>
    <message>
      <source>There is no conflict number {number} in this office database.</source>
      <translation>区疫情防控办数据库中没有编号为 {number} 的冲突。</translation>
    </message>
    <message>
      <source>Conflict {number} was already resolved ({choice}) by {by} at {at}; it is not resolved twice.</source>
      <translation>冲突 {number} 已由 {by} 于 {at} 处理（{choice}），不能重复处理。</translation>
    </message>
    <message>
      <source>"{choice}" is not a way to resolve a conflict: keep the held record or take the incoming one.</source>
      <translation>“{choice}”不是冲突的处理方式：请选择保留原记录或采用新记录。</translation>
    </message>
    <message>
      <source>Say who resolves the conflict (the clerk's name).</source>
      <translation>请说明由谁处理此冲突（经办人姓名）。</translation>
    </message>
    <message>
      <source>Conflict {number}: the held record is not in the database any more; nothing was changed.</source>
      <translation>冲突 {number}：原记录已不在数据库中；未作任何改动。</translation>
    </message>
    <message>
      <source>Conflict {number}: the held day declaration has a later revision since; taking the incoming one would go back to an older revision. Keep the held one.</source>
      <translation>冲突 {number}：原日报申报此后已有更新的修订版；采用新记录会退回到旧的修订版。请保留原记录。</translation>
    </message>
    <message>
      <source>People's data is kept {low} to {high} days.</source>
      <translation>个人信息保存 {low} 至 {high} 天。</translation>
    </message>
    <message>
      <source>{file} is not a register backup ({what}).</source>
      <translation>{file} 不是登记簿备份（{what}）。</translation>
    </message>
    <message>
      <source>{file} is damaged (integrity check: {what}).</source>
      <translation>{file} 已损坏（完整性检查：{what}）。</translation>
    </message>
    <message>
      <source>{path} is the register's own folder: choose another folder or a drive.</source>
      <translation>{path} 是登记簿所在的文件夹：请选择其他文件夹或U盘。</translation>
    </message>
    <message>
      <source>{path} cannot be used ({what}).</source>
      <translation>{path} 无法使用（{what}）。</translation>
    </message>
    <message>
      <source>{path}: the drive is full. No backup was left there and the register is unchanged; free some space or choose another drive.</source>
      <translation>{path}：磁盘已满。那里没有留下任何备份，登记簿未改动；请腾出空间或换一个盘。</translation>
    </message>
    <message>
      <source>The backup could not be written to {path} ({what}); the register is unchanged.</source>
      <translation>备份无法写入 {path}（{what}）；登记簿未改动。</translation>
    </message>
    <message>
      <source>{path} has {free} free but a backup of the register needs {needed}: free some space or choose another drive. Nothing was written.</source>
      <translation>{path} 只剩 {free} 可用，而登记簿的备份需要 {needed}：请腾出空间或换一个盘。未写入任何内容。</translation>
    </message>
    <message>
      <source>{file} is not a file.</source>
      <translation>{file} 不是文件。</translation>
    </message>
  </context>
  <context>
    <name>progress</name>
    <message>
      <source>Checking the audit log</source>
      <translation>正在校验审计日志</translation>
    </message>
    <message>
      <source>Counting the day's entries</source>
      <translation>正在统计当天的登记</translation>
    </message>
    <message>
      <source>Reading the shifts</source>
      <translation>正在读取班次</translation>
    </message>
    <message>
      <source>Listing the persons to follow up</source>
      <translation>正在列出需跟进的人员</translation>
    </message>
    <message>
      <source>Importing residents</source>
      <translation>正在导入住户</translation>
    </message>
    <message>
      <source>Importing the watchlist</source>
      <translation>正在导入管控名单</translation>
    </message>
    <message>
      <source>Collecting the records</source>
      <translation>正在收集记录</translation>
    </message>
    <message>
      <source>Encrypting and signing the batch</source>
      <translation>正在加密并签名批次</translation>
    </message>
    <message>
      <source>Writing the batch</source>
      <translation>正在写出批次</translation>
    </message>
    <message>
      <source>Keeping a copy at the station</source>
      <translation>正在卡口留存副本</translation>
    </message>
    <message>
      <source>Importing batches</source>
      <translation>正在导入批次</translation>
    </message>
  </context>
  <context>
    <name>report</name>
    <message>
      <source>, </source>
      <translation>、</translation>
    </message>
    <message>
      <source>Daily report</source>
      <translation>日报</translation>
    </message>
    <message>
      <source>Zero report</source>
      <translation>零报告</translation>
    </message>
    <message>
      <source>Findings to report</source>
      <translation>有情况上报</translation>
    </message>
    <message>
      <source>No fever, no key-area arrival and no alert on this day.</source>
      <translation>当天无发热、无重点地区来人、无预警。</translation>
    </message>
    <message>
      <source>Follow up the fevers, key-area arrivals and alerts below.</source>
      <translation>请跟进下列发热、重点地区来人和预警情况。</translation>
    </message>
    <message>
      <source>Personal data for the supervisor's follow-up only: keep it locked away, hand it only to the epidemic-control office.</source>
      <translation>个人信息仅供负责人跟进使用：请妥善保管，只交给疫情防控部门。</translation>
    </message>
    <message>
      <source>Residents</source>
      <translation>居民</translation>
    </message>
    <message>
      <source>Visitors</source>
      <translation>访客</translation>
    </message>
    <message>
      <source>Deliveries/couriers</source>
      <translation>快递/外卖</translation>
    </message>
    <message>
      <source>Staff/workers</source>
      <translation>工作人员</translation>
    </message>
    <message>
      <source>Officials/emergency</source>
      <translation>公务/应急</translation>
    </message>
    <message>
      <source>Others</source>
      <translation>其他</translation>
    </message>
    <message>
      <source>Let through</source>
      <translation>放行</translation>
    </message>
    <message>
      <source>Turned back</source>
      <translation>劝返</translation>
    </message>
    <message>
      <source>To clinic</source>
      <translation>转诊</translation>
    </message>
    <message>
      <source>In</source>
      <translation>进</translation>
    </message>
    <message>
      <source>Out</source>
      <translation>出</translation>
    </message>
    <message>
      <source>cough</source>
      <translation>咳嗽</translation>
    </message>
    <message>
      <source>sore throat</source>
      <translation>咽痛</translation>
    </message>
    <message>
      <source>fatigue</source>
      <translation>乏力</translation>
    </message>
    <message>
      <source>short of breath</source>
      <translation>呼吸困难</translation>
    </message>
    <message>
      <source>Fevers</source>
      <translation>发热</translation>
    </message>
    <message>
      <source>Referrals to a fever clinic</source>
      <translation>转诊发热门诊</translation>
    </message>
    <message>
      <source>Refusals (turned back)</source>
      <translation>劝返</translation>
    </message>
    <message>
      <source>Key-area arrivals</source>
      <translation>重点地区来人</translation>
    </message>
    <message>
      <source>Alerts (referrals, symptoms)</source>
      <translation>预警（转诊、有症状）</translation>
    </message>
    <message>
      <source>Entries registered</source>
      <translation>登记总数</translation>
    </message>
    <message>
      <source>Let in</source>
      <translation>放行进入</translation>
    </message>
    <message>
      <source>Let out</source>
      <translation>放行外出</translation>
    </message>
    <message>
      <source>Total</source>
      <translation>合计</translation>
    </message>
    <message>
      <source>Vehicles checked</source>
      <translation>检查车辆</translation>
    </message>
    <message>
      <source>Persons aboard the vehicles</source>
      <translation>车上人员</translation>
    </message>
    <message>
      <source>Leaflets handed out</source>
      <translation>发放宣传单</translation>
    </message>
    <message>
      <source>Visitors/vehicles inside now</source>
      <translation>当前在内访客/车辆</translation>
    </message>
    <message>
      <source>Visitors/vehicles inside at day's end</source>
      <translation>日终仍在内访客/车辆</translation>
    </message>
    <message>
      <source>all present</source>
      <translation>齐全</translation>
    </message>
    <message>
      <source>not checked</source>
      <translation>未检查</translation>
    </message>
    <message>
      <source>missing:</source>
      <translation>缺：</translation>
    </message>
    <message>
      <source>on duty</source>
      <translation>在岗</translation>
    </message>
    <message>
      <source>Figures of the day</source>
      <translation>当日数据</translation>
    </message>
    <message>
      <source>Item</source>
      <translation>项目</translation>
    </message>
    <message>
      <source>Number</source>
      <translation>数量</translation>
    </message>
    <message>
      <source>Persons by category</source>
      <translation>分类人数</translation>
    </message>
    <message>
      <source>Category</source>
      <translation>类别</translation>
    </message>
    <message>
      <source>Vehicles by category</source>
      <translation>分类车辆</translation>
    </message>
    <message>
      <source>Vehicle category</source>
      <translation>车辆类别</translation>
    </message>
    <message>
      <source>Persons aboard</source>
      <translation>车上人数</translation>
    </message>
    <message>
      <source>Leaflets</source>
      <translation>宣传单</translation>
    </message>
    <message>
      <source>Households in home quarantine</source>
      <translation>居家隔离户数</translation>
    </message>
    <message>
      <source>Persons in home quarantine</source>
      <translation>居家隔离人数</translation>
    </message>
    <message>
      <source>Fever readings at home</source>
      <translation>居家测温发热人次</translation>
    </message>
    <message>
      <source>Home quarantine: the five dailies</source>
      <translation>居家隔离：五个每日</translation>
    </message>
    <message>
      <source>Done</source>
      <translation>已完成</translation>
    </message>
    <message>
      <source>Due</source>
      <translation>应完成</translation>
    </message>
    <message>
      <source>Hourly traffic</source>
      <translation>每小时通行量</translation>
    </message>
    <message>
      <source>Hour</source>
      <translation>时段</translation>
    </message>
    <message>
      <source>Shifts</source>
      <translation>班次</translation>
    </message>
    <message>
      <source>Started</source>
      <translation>开始</translation>
    </message>
    <message>
      <source>Ended</source>
      <translation>结束</translation>
    </message>
    <message>
      <source>Operators on duty</source>
      <translation>值班人员</translation>
    </message>
    <message>
      <source>Seven ones</source>
      <translation>七个一</translation>
    </message>
    <message>
      <source>fever</source>
      <translation>发热</translation>
    </message>
    <message>
      <source>key area</source>
      <translation>重点地区</translation>
    </message>
    <message>
      <source>Appendix: persons to follow up (supervisor only)</source>
      <translation>附件：需跟进人员（仅限负责人）</translation>
    </message>
    <message>
      <source>No.</source>
      <translation>序号</translation>
    </message>
    <message>
      <source>Time</source>
      <translation>时间</translation>
    </message>
    <message>
      <source>Name</source>
      <translation>姓名</translation>
    </message>
    <message>
      <source>Plate</source>
      <translation>车牌</translation>
    </message>
    <message>
      <source>ID number</source>
      <translation>证件号</translation>
    </message>
    <message>
      <source>Phone</source>
      <translation>电话</translation>
    </message>
    <message>
      <source>In/out</source>
      <translation>进出</translation>
    </message>
    <message>
      <source>Temperature</source>
      <translation>体温</translation>
    </message>
    <message>
      <source>Findings</source>
      <translation>情况</translation>
    </message>
    <message>
      <source>Decision</source>
      <translation>处置</translation>
    </message>
  </context>
  <context>
    <name>seven_ones</name>
    <message>
      <source>Publicity board</source>
      <translation>一块宣传栏</translation>
    </message>
    <message>
      <source>Publicity desk</source>
      <translation>一个宣传台</translation>
    </message>
    <message>
      <source>Loudspeaker</source>
      <translation>一个小喇叭</translation>
    </message>
    <message>
      <source>Volunteer or guard on duty</source>
      <translation>一名志愿者(保安)</translation>
    </message>
    <message>
      <source>Outsiders' register (this app)</source>
      <translation>一本外来人员登记本（本软件）</translation>
    </message>
    <message>
      <source>Thermometer</source>
      <translation>一个测温仪</translation>
    </message>
    <message>
      <source>Banner</source>
      <translation>一条宣传横幅</translation>
    </message>
  </context>
</TS>
