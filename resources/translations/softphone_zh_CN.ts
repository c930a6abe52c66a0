<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>AccountTest</name>
    <message>
        <source>Registered: {host} accepted {user} over {transport}.</source>
        <translation>注册成功：{host} 已通过 {transport} 接受 {user} 的注册。</translation>
    </message>
    <message>
        <source>Server unreachable: no answer from {host} port {port} over {transport} within {seconds} s. A firewall may be blocking it: ask IT to open port {port}/{protocol}, or try another transport.</source>
        <translation>无法连接服务器：{host} 的 {port} 端口在 {seconds} 秒内未通过 {transport} 应答。可能被防火墙拦截：请联系 IT 开放 {port}/{protocol} 端口，或换用其他传输协议。</translation>
    </message>
    <message>
        <source>Server unreachable: nothing answers on {host} port {port} over {transport}. The port or the transport is probably wrong: ask IT for the SIP server&apos;s {transport} port.</source>
        <translation>无法连接服务器：{host} 的 {port} 端口上没有 {transport} 服务应答。很可能是端口或传输协议有误：请向 IT 询问 SIP 服务器的 {transport} 端口。</translation>
    </message>
    <message>
        <source>Server unreachable: the name {host} is not found. Check the server&apos;s name, your network or VPN.</source>
        <translation>无法连接服务器：找不到名称 {host}。请检查服务器名称、网络或 VPN。</translation>
    </message>
    <message>
        <source>Signed in as {user} ({role}).</source>
        <translation>已登录为 {user}（{role}）。</translation>
    </message>
    <message>
        <source>TLS certificate not trusted: {host} showed a certificate for {subject} issued by {issuer}, which this computer does not trust ({problem}). Ask IT for the certificate of {issuer} and install it on this computer, or enter its file as the TLS CA certificate above; do not switch verification off.</source>
        <translation>TLS 证书不受信任：{host} 出示了由「{issuer}」颁发给 {subject} 的证书，本机不信任该证书（「{problem}」）。请向 IT 索取「{issuer}」的证书并安装到本机，或在上方的“TLS CA 证书”中填入该证书文件；请勿关闭证书验证。</translation>
    </message>
    <message>
        <source>TLS certificate not trusted: {host} showed a certificate this computer does not trust ({problem}). Ask IT for the certificate of the authority that issued it and install it on this computer, or enter its file as the TLS CA certificate above.</source>
        <translation>TLS 证书不受信任：{host} 出示的证书不受本机信任（「{problem}」）。请向 IT 索取该证书颁发机构的证书并安装到本机，或在上方的“TLS CA 证书”中填入该证书文件。</translation>
    </message>
    <message>
        <source>The center cannot be reached: {reason}</source>
        <translation>无法连接中心：「{reason}」</translation>
    </message>
    <message>
        <source>The center refused {user}: check the user name and password.</source>
        <translation>中心拒绝了 {user} 的登录：请检查用户名和密码。</translation>
    </message>
    <message>
        <source>The server does not know the user {user} ({code}). Check the user name and the domain.</source>
        <translation>服务器上没有用户 {user}（{code}）。请检查用户名和域。</translation>
    </message>
    <message>
        <source>The server refused the registration: {code} {reason}.</source>
        <translation>服务器拒绝了注册：{code}「{reason}」。</translation>
    </message>
    <message>
        <source>The test could not finish: {reason}</source>
        <translation>测试未能完成：「{reason}」</translation>
    </message>
    <message>
        <source>Wrong password: the server refused {user} ({code} {reason}). Check the password and the user name.</source>
        <translation>密码错误：服务器拒绝了 {user}（{code}「{reason}」）。请检查密码和用户名。</translation>
    </message>
    <message>
        <source>administrator</source>
        <translation>管理员</translation>
    </message>
    <message>
        <source>agent</source>
        <translation>坐席</translation>
    </message>
    <message>
        <source>not trusted</source>
        <translation>不受信任</translation>
    </message>
    <message>
        <source>supervisor</source>
        <translation>班长</translation>
    </message>
</context>
<context>
    <name>App</name>
    <message>
        <source>Account saved</source>
        <translation>账号已保存</translation>
    </message>
    <message>
        <source>Agent Softphone</source>
        <translation>坐席软电话</translation>
    </message>
    <message>
        <source>No SIP password — enter it in Softphone › Settings</source>
        <translation>未设置 SIP 密码——请在“软电话 › 设置”中输入</translation>
    </message>
    <message>
        <source>No SIP server configured — open Softphone › Settings</source>
        <translation>未配置 SIP 服务器——请打开“软电话 › 设置”</translation>
    </message>
    <message>
        <source>The damaged journal is kept at {kept} for recovery; a fresh one is in use</source>
        <translation>损坏的日志已保留在 {kept} 以便恢复；现已启用新日志</translation>
    </message>
    <message>
        <source>The softphone cannot start:
{why}</source>
        <translation>软电话无法启动：
{why}</translation>
    </message>
    <message>
        <source>Your account is saved. Quit the demo and start the softphone again to use it.</source>
        <translation>您的账号已保存。请退出演示并重新启动软电话以使用该账号。</translation>
    </message>
</context>
<context>
    <name>AudioPage</name>
    <message>
        <source>, </source>
        <translation>、</translation>
    </message>
    <message>
        <source>Devices plugged in or out</source>
        <translation>设备插入或拔出</translation>
    </message>
    <message>
        <source>Plugged in: {added}. Unplugged: {removed}.</source>
        <translation>已插入：{added}。已拔出：{removed}。</translation>
    </message>
    <message>
        <source>Plugged in: {names}</source>
        <translation>已插入：{names}</translation>
    </message>
    <message>
        <source>System default</source>
        <translation>系统默认</translation>
    </message>
    <message>
        <source>This device cannot be opened: {why}</source>
        <translation>无法打开此设备：「{why}」</translation>
    </message>
    <message>
        <source>Unplugged: {names}</source>
        <translation>已拔出：{names}</translation>
    </message>
    <message>
        <source>{name} (not connected)</source>
        <translation>{name}（未连接）</translation>
    </message>
    <message>
        <source>{name} is not connected: plug it in, or choose another device.</source>
        <translation>{name} 未连接：请插入该设备，或选择其他设备。</translation>
    </message>
</context>
<context>
    <name>CallCard</name>
    <message>
        <source>Attended transfer</source>
        <translation>咨询转接</translation>
    </message>
    <message>
        <source>Call a colleague first, then hand the caller over</source>
        <translation>先呼叫同事咨询，再将来电方转给对方</translation>
    </message>
    <message>
        <source>Call a colleague first:</source>
        <translation>先呼叫同事：</translation>
    </message>
    <message>
        <source>Call card</source>
        <translation>通话卡片</translation>
    </message>
    <message>
        <source>Call duration</source>
        <translation>通话时长</translation>
    </message>
    <message>
        <source>Call state</source>
        <translation>通话状态</translation>
    </message>
    <message>
        <source>Cancel transfer</source>
        <translation>取消转接</translation>
    </message>
    <message>
        <source>Complete transfer</source>
        <translation>完成转接</translation>
    </message>
    <message>
        <source>Consult</source>
        <translation>咨询</translation>
    </message>
    <message>
        <source>Consult before transferring</source>
        <translation>转接前先咨询</translation>
    </message>
    <message>
        <source>Consulting</source>
        <translation>咨询中</translation>
    </message>
    <message>
        <source>Consult…</source>
        <translation>咨询…</translation>
    </message>
    <message>
        <source>DTMF</source>
        <translation>拨号键盘</translation>
    </message>
    <message>
        <source>Hang up</source>
        <translation>挂断</translation>
    </message>
    <message>
        <source>Hold</source>
        <translation>保持</translation>
    </message>
    <message>
        <source>Hold or resume</source>
        <translation>保持或恢复</translation>
    </message>
    <message>
        <source>Key {digit}</source>
        <translation>按键 {digit}</translation>
    </message>
    <message>
        <source>Mute</source>
        <translation>静音</translation>
    </message>
    <message>
        <source>Mute or unmute</source>
        <translation>静音或取消静音</translation>
    </message>
    <message>
        <source>Muted — Unmute</source>
        <translation>已静音——取消静音</translation>
    </message>
    <message>
        <source>No call</source>
        <translation>无通话</translation>
    </message>
    <message>
        <source>On hold</source>
        <translation>保持中</translation>
    </message>
    <message>
        <source>On hold — Resume</source>
        <translation>保持中——恢复</translation>
    </message>
    <message>
        <source>Recording: {why}</source>
        <translation>录音：{why}</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>恢复</translation>
    </message>
    <message>
        <source>Survey</source>
        <translation>满意度</translation>
    </message>
    <message>
        <source>The center has set no survey number</source>
        <translation>中心未设置满意度调查号码</translation>
    </message>
    <message>
        <source>The consult call</source>
        <translation>咨询通话</translation>
    </message>
    <message>
        <source>The held call</source>
        <translation>被保持的通话</translation>
    </message>
    <message>
        <source>Transfer</source>
        <translation>转接</translation>
    </message>
    <message>
        <source>Transfer failed: {code} {reason}</source>
        <translation>转接失败：{code} {reason}</translation>
    </message>
    <message>
        <source>Transfer the call</source>
        <translation>转接通话</translation>
    </message>
    <message>
        <source>Transfer the call to:</source>
        <translation>将通话转接至：</translation>
    </message>
    <message>
        <source>Transfer the caller to the satisfaction survey ({number})</source>
        <translation>将来电方转至满意度调查（{number}）</translation>
    </message>
    <message>
        <source>Transfer to the satisfaction survey</source>
        <translation>转至满意度调查</translation>
    </message>
    <message>
        <source>Transfer…</source>
        <translation>转接…</translation>
    </message>
    <message>
        <source>Who the call is with</source>
        <translation>通话对方</translation>
    </message>
    <message>
        <source>calling…</source>
        <translation>呼叫中…</translation>
    </message>
    <message>
        <source>connected</source>
        <translation>通话中</translation>
    </message>
    <message>
        <source>on hold</source>
        <translation>保持中</translation>
    </message>
    <message>
        <source>ringing</source>
        <translation>振铃中</translation>
    </message>
    <message>
        <source>transferring…</source>
        <translation>转接中…</translation>
    </message>
    <message>
        <source>{number} — {name}</source>
        <translation>{number}——{name}</translation>
    </message>
</context>
<context>
    <name>CallLevels</name>
    <message>
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>No sound from your microphone</source>
        <translation>麦克风没有声音</translation>
    </message>
    <message>
        <source>The customer&apos;s voice in your headset</source>
        <translation>耳机中客户的声音</translation>
    </message>
    <message>
        <source>The customer&apos;s voice, as your headset plays it</source>
        <translation>客户的声音（耳机播放的音量）</translation>
    </message>
    <message>
        <source>Voice cleaning: {stages}</source>
        <translation>语音净化：{stages}</translation>
    </message>
    <message>
        <source>Your microphone as it captures, before voice cleaning</source>
        <translation>麦克风采集到的声音（语音净化之前）</translation>
    </message>
    <message>
        <source>Your microphone has sent only silence for a while. Check that it is plugged in, not muted on the headset cable, and chosen in Settings › Audio.</source>
        <translation>您的麦克风已有一段时间没有声音。请检查它是否已插好、耳机线上的静音开关是否关闭，以及是否已在“设置 › 音频”中选中。</translation>
    </message>
    <message>
        <source>Your microphone, before voice cleaning</source>
        <translation>您的麦克风（语音净化之前）</translation>
    </message>
    <message>
        <source>Your voice</source>
        <translation>您的声音</translation>
    </message>
    <message>
        <source>Your voice as the customer hears it, after voice cleaning</source>
        <translation>客户听到的您的声音（语音净化之后）</translation>
    </message>
    <message>
        <source>Your voice, as the customer hears it</source>
        <translation>客户听到的您的声音</translation>
    </message>
</context>
<context>
    <name>CallList</name>
    <message>
        <source>, muted</source>
        <translation>，已静音</translation>
    </message>
    <message>
        <source>Current calls</source>
        <translation>当前通话</translation>
    </message>
    <message>
        <source>calling…</source>
        <translation>呼叫中…</translation>
    </message>
    <message>
        <source>connected</source>
        <translation>通话中</translation>
    </message>
    <message>
        <source>connecting…</source>
        <translation>接通中…</translation>
    </message>
    <message>
        <source>ended</source>
        <translation>已结束</translation>
    </message>
    <message>
        <source>on hold</source>
        <translation>保持中</translation>
    </message>
    <message>
        <source>ringing</source>
        <translation>振铃中</translation>
    </message>
</context>
<context>
    <name>CameraPreview</name>
    <message>
        <source>Camera picture</source>
        <translation>摄像头画面</translation>
    </message>
    <message>
        <source>Camera preview</source>
        <translation>摄像头预览</translation>
    </message>
    <message>
        <source>No camera connected.</source>
        <translation>未连接摄像头。</translation>
    </message>
    <message>
        <source>The camera is shown here after its check.</source>
        <translation>检查摄像头后，画面将显示在此处。</translation>
    </message>
    <message>
        <source>Waiting for the camera&apos;s picture…</source>
        <translation>正在等待摄像头画面…</translation>
    </message>
</context>
<context>
    <name>DemoBanner</name>
    <message>
        <source>A demo customer calls you every few minutes; dial {line} to call them.</source>
        <translation>演示客户每隔几分钟会呼入一次；拨打 {line} 可呼叫该客户。</translation>
    </message>
    <message>
        <source>About the demo</source>
        <translation>关于演示</translation>
    </message>
    <message>
        <source>Demo</source>
        <translation>演示</translation>
    </message>
    <message>
        <source>Demo: no SIP server needed — calls come from the demo customer line</source>
        <translation>演示：无需 SIP 服务器——来电来自演示客户线路</translation>
    </message>
    <message>
        <source>Leave the demo: enter your own SIP account</source>
        <translation>退出演示：输入您自己的 SIP 账号</translation>
    </message>
    <message>
        <source>Set up my account</source>
        <translation>设置我的账号</translation>
    </message>
    <message>
        <source>Supervisors&apos; wallboard: {link} (user {user}, password {password})</source>
        <translation>班长监控大屏：{link}（用户名 {user}，密码 {password}）</translation>
    </message>
    <message>
        <source>The demo center (the supervisors&apos; wallboard) is starting…</source>
        <translation>演示中心（班长监控大屏）正在启动…</translation>
    </message>
    <message>
        <source>The demo center did not start: {why}</source>
        <translation>演示中心未能启动：「{why}」</translation>
    </message>
    <message>
        <source>The supervisors&apos; wallboard needs the central service, which is not installed here (pip install &apos;softphone[central]&apos;); the phone side runs without it.</source>
        <translation>班长监控大屏需要中心服务，但本机未安装（pip install &apos;softphone[central]&apos;）；电话功能无需中心服务即可使用。</translation>
    </message>
    <message>
        <source>This is a demo: no servers needed.</source>
        <translation>这是演示：无需任何服务器。</translation>
    </message>
    <message>
        <source>Try {blocked}: it is on the sample do-not-call list. Lunch (12:00–13:30, the callee&apos;s time) is a sample rest period.</source>
        <translation>试拨 {blocked}：该号码在示例免打扰名单中。午餐时间（被叫方当地时间 12:00–13:30）是示例禁呼时段。</translation>
    </message>
</context>
<context>
    <name>DesktopNotices</name>
    <message>
        <source>Contact center reachable again</source>
        <translation>已重新连接联络中心</translation>
    </message>
    <message>
        <source>Contact center unreachable</source>
        <translation>无法连接联络中心</translation>
    </message>
    <message>
        <source>The contact center has not answered for {minutes:.0f} min. Your calls and status changes are kept on this computer and sent when it is back.</source>
        <translation>联络中心已 {minutes:.0f} 分钟无响应。您的通话和状态变更会保存在本机，恢复连接后再发送。</translation>
    </message>
    <message>
        <source>Wrap-up after the call with {caller} ends in {seconds} s: finish your remarks now.</source>
        <translation>与 {caller} 通话的话后处理将在 {seconds} 秒后结束：请尽快填写备注。</translation>
    </message>
    <message>
        <source>Wrap-up ends in {seconds} s: finish your remarks now.</source>
        <translation>话后处理将在 {seconds} 秒后结束：请尽快填写备注。</translation>
    </message>
    <message>
        <source>Wrap-up ends soon</source>
        <translation>话后处理即将结束</translation>
    </message>
    <message>
        <source>Your calls and status changes reach the contact center again.</source>
        <translation>您的通话和状态变更已重新同步到联络中心。</translation>
    </message>
</context>
<context>
    <name>DialLine</name>
    <message>
        <source> It may be called from {when}.</source>
        <translation>可于 {when} 起拨打。</translation>
    </message>
    <message>
        <source> · {time} there ({zone})</source>
        <translation> · 当地时间 {time}（{zone}）</translation>
    </message>
    <message>
        <source>. It may be called from {when}</source>
        <translation>。可于 {when} 起拨打</translation>
    </message>
    <message>
        <source>Not dialled {number}: {reasons}.</source>
        <translation>未拨打 {number}：{reasons}。</translation>
    </message>
    <message>
        <source>colleague or extension</source>
        <translation>同事或分机</translation>
    </message>
    <message>
        <source>ddd dd MMM HH:mm</source>
        <translation>M月d日 ddd HH:mm</translation>
    </message>
    <message>
        <source>ddd dd MMM HH:mm &apos;UTC&apos;</source>
        <translation>M月d日 ddd HH:mm &apos;UTC&apos;</translation>
    </message>
    <message>
        <source>emergency number</source>
        <translation>紧急号码</translation>
    </message>
    <message>
        <source>not allowed</source>
        <translation>不允许</translation>
    </message>
    <message>
        <source>{time} callee time ({utc})</source>
        <translation>被叫方当地时间 {time}（{utc}）</translation>
    </message>
    <message>
        <source>✓ May be called</source>
        <translation>✓ 可以拨打</translation>
    </message>
    <message>
        <source>✗ Blocked: {reasons}</source>
        <translation>✗ 禁止拨打：{reasons}</translation>
    </message>
</context>
<context>
    <name>DoNotCallDialog</name>
    <message>
        <source>Do not call again</source>
        <translation>不再呼叫</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>号码</translation>
    </message>
    <message>
        <source>Number not to call again</source>
        <translation>不再呼叫的号码</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>The number goes on the do-not-call list at once, for every agent, with your name, the time and this reason.</source>
        <translation>该号码将立即加入免打扰名单，对所有坐席生效，并记录您的姓名、时间和此原因。</translation>
    </message>
    <message>
        <source>What the customer said</source>
        <translation>客户的原话</translation>
    </message>
    <message>
        <source>Why: what the customer said</source>
        <translation>原因：客户的原话</translation>
    </message>
    <message>
        <source>customer asked not to be called again</source>
        <translation>客户要求不再来电</translation>
    </message>
    <message>
        <source>customer asked to be removed from the list</source>
        <translation>客户要求从名单中移除</translation>
    </message>
    <message>
        <source>wrong number: the person does not know us</source>
        <translation>打错号码：对方不认识我们</translation>
    </message>
</context>
<context>
    <name>HistoryView</name>
    <message>
        <source>About the last redial</source>
        <translation>关于上次重拨</translation>
    </message>
    <message>
        <source>All calls</source>
        <translation>全部通话</translation>
    </message>
    <message>
        <source>Call back</source>
        <translation>回拨</translation>
    </message>
    <message>
        <source>Call this number again</source>
        <translation>再次拨打此号码</translation>
    </message>
    <message>
        <source>Calls shown</source>
        <translation>显示的通话</translation>
    </message>
    <message>
        <source>Direction</source>
        <translation>方向</translation>
    </message>
    <message>
        <source>Disposition</source>
        <translation>处理结果</translation>
    </message>
    <message>
        <source>Filter the calls</source>
        <translation>筛选通话</translation>
    </message>
    <message>
        <source>Filter: number, name, result, disposition…</source>
        <translation>筛选：号码、姓名、结果、处理结果…</translation>
    </message>
    <message>
        <source>Inbound</source>
        <translation>呼入</translation>
    </message>
    <message>
        <source>MOS</source>
        <translation>MOS</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>号码</translation>
    </message>
    <message>
        <source>Outbound</source>
        <translation>呼出</translation>
    </message>
    <message>
        <source>Recent calls</source>
        <translation>最近通话</translation>
    </message>
    <message>
        <source>Redial</source>
        <translation>重拨</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>dd MMM HH:mm</source>
        <translation>M月d日 HH:mm</translation>
    </message>
    <message>
        <source>dd MMM yyyy</source>
        <translation>yyyy年M月d日</translation>
    </message>
    <message>
        <source>{shown} of {total} calls</source>
        <translation>共 {total} 通，显示 {shown} 通</translation>
    </message>
</context>
<context>
    <name>IncomingPopup</name>
    <message>
        <source> — or another of {count} zones</source>
        <translation>——也可能是其他 {count} 个时区之一</translation>
    </message>
    <message>
        <source>&amp;Answer (Enter)</source>
        <translation>接听(&amp;A)（Enter）</translation>
    </message>
    <message>
        <source>&amp;Decline (Esc)</source>
        <translation>拒接(&amp;D)（Esc）</translation>
    </message>
    <message>
        <source>1 earlier call with this number</source>
        <translation>与此号码有 1 次历史通话</translation>
    </message>
    <message>
        <source>Agent</source>
        <translation>坐席</translation>
    </message>
    <message>
        <source>Answer and &amp;hold current</source>
        <translation>接听并保持当前通话(&amp;H)</translation>
    </message>
    <message>
        <source>Answer and put the current call on hold</source>
        <translation>接听，并将当前通话置于保持</translation>
    </message>
    <message>
        <source>Answer the call</source>
        <translation>接听来电</translation>
    </message>
    <message>
        <source>Answer — Enter, or {keys} from any window</source>
        <translation>接听——按 Enter，或在任意窗口按 {keys}</translation>
    </message>
    <message>
        <source>Called {number}</source>
        <translation>呼入号码 {number}</translation>
    </message>
    <message>
        <source>Called {number} · skill group {group}</source>
        <translation>呼入号码 {number} · 技能组「{group}」</translation>
    </message>
    <message>
        <source>Caller&apos;s local time</source>
        <translation>来电方当地时间</translation>
    </message>
    <message>
        <source>Caller&apos;s name and international number</source>
        <translation>来电方姓名和国际号码</translation>
    </message>
    <message>
        <source>Caller&apos;s number</source>
        <translation>来电号码</translation>
    </message>
    <message>
        <source>Decline the call</source>
        <translation>拒接来电</translation>
    </message>
    <message>
        <source>Decline — Esc, or {keys} from any window</source>
        <translation>拒接——按 Esc，或在任意窗口按 {keys}</translation>
    </message>
    <message>
        <source>Direction</source>
        <translation>方向</translation>
    </message>
    <message>
        <source>Disposition</source>
        <translation>处理结果</translation>
    </message>
    <message>
        <source>Do-not-call warning</source>
        <translation>免打扰警告</translation>
    </message>
    <message>
        <source>Incoming call</source>
        <translation>来电</translation>
    </message>
    <message>
        <source>Last calls with this number</source>
        <translation>与此号码的最近通话</translation>
    </message>
    <message>
        <source>Line called and skill group</source>
        <translation>呼入号码和技能组</translation>
    </message>
    <message>
        <source>Local time {time} ({zone}, {utc})</source>
        <translation>当地时间 {time}（{zone}，{utc}）</translation>
    </message>
    <message>
        <source>Looking up our calls with this number…</source>
        <translation>正在查询与此号码的通话记录…</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>No earlier calls with this number</source>
        <translation>与此号码无历史通话</translation>
    </message>
    <message>
        <source>Our calls with this number</source>
        <translation>与此号码的通话记录</translation>
    </message>
    <message>
        <source>Our history with this number cannot be read: {error}</source>
        <translation>无法读取与此号码的通话记录：{error}</translation>
    </message>
    <message>
        <source>Provider and region</source>
        <translation>运营商和归属地</translation>
    </message>
    <message>
        <source>Remarks</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>Skill group {group}</source>
        <translation>技能组「{group}」</translation>
    </message>
    <message>
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>dd MMM yyyy HH:mm</source>
        <translation>yyyy年M月d日 HH:mm</translation>
    </message>
    <message>
        <source>ddd dd MMM HH:mm</source>
        <translation>M月d日 ddd HH:mm</translation>
    </message>
    <message>
        <source>missed</source>
        <translation>未接</translation>
    </message>
    <message>
        <source>missed ({reason})</source>
        <translation>未接（{reason}）</translation>
    </message>
    <message>
        <source>not answered</source>
        <translation>无人接听</translation>
    </message>
    <message>
        <source>not answered ({reason})</source>
        <translation>无人接听（{reason}）</translation>
    </message>
    <message>
        <source>talked {minutes}:{seconds:02d}</source>
        <translation>通话 {minutes}:{seconds:02d}</translation>
    </message>
    <message>
        <source>{region}, {country}</source>
        <translation>{country}{region}</translation>
    </message>
    <message>
        <source>{total} earlier calls with this number</source>
        <translation>与此号码有 {total} 次历史通话</translation>
    </message>
    <message>
        <source>{total} earlier calls with this number — the last {shown}:</source>
        <translation>与此号码有 {total} 次历史通话——最近 {shown} 次：</translation>
    </message>
    <message>
        <source>← in</source>
        <translation>← 呼入</translation>
    </message>
    <message>
        <source>→ out</source>
        <translation>→ 呼出</translation>
    </message>
    <message>
        <source>⚠ On the do-not-call list: {why}</source>
        <translation>⚠ 在免打扰名单中：{why}</translation>
    </message>
</context>
<context>
    <name>JournalBanner</name>
    <message>
        <source>Journal not saved</source>
        <translation>日志未保存</translation>
    </message>
    <message>
        <source>{path}: {error}</source>
        <translation>{path}：「{error}」</translation>
    </message>
    <message>
        <source>⚠ Calls and status changes cannot be saved: the disk is full or failing. Calls go on; new records wait in memory and are saved once there is room. Free disk space or call IT.</source>
        <translation>⚠ 通话和状态变更无法保存：磁盘已满或出现故障。通话不受影响；新记录暂存在内存中，有空间后即会保存。请释放磁盘空间或联系 IT。</translation>
    </message>
</context>
<context>
    <name>JournalRecoveryDialog</name>
    <message>
        <source>Agent Softphone — damaged journal</source>
        <translation>坐席软电话——日志已损坏</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
    <message>
        <source>Start a fresh journal</source>
        <translation>启用新日志</translation>
    </message>
    <message>
        <source>The file is kept at
{path}
for recovery; nothing in it has been changed.

“Start a fresh journal” moves it aside under a dated name (it stays on this computer for IT) and starts an empty one. Events that were waiting in it are not sent until IT recovers them.</source>
        <translation>该文件保留在
{path}
以便恢复，其中内容未作任何改动。

“启用新日志”会将其以带日期的名称另存（保留在本机供 IT 处理），并新建一个空日志。其中待发送的事件在 IT 恢复之前不会发送。</translation>
    </message>
    <message>
        <source>Your local journal (calls, statuses, events waiting for the center) is damaged.</source>
        <translation>本地日志（通话、状态、待发往中心的事件）已损坏。</translation>
    </message>
</context>
<context>
    <name>LevelTexts</name>
    <message>
        <source>Auto gain</source>
        <translation>自动增益</translation>
    </message>
    <message>
        <source>Auto gain: your voice reaches the customer at an even loudness.</source>
        <translation>自动增益：让客户听到的您的音量保持平稳。</translation>
    </message>
    <message>
        <source>Echo cancellation</source>
        <translation>回声消除</translation>
    </message>
    <message>
        <source>Echo cancellation: the customer does not hear their own voice coming back from your speaker into your microphone.</source>
        <translation>回声消除：客户不会听到自己的声音从您的扬声器传回您的麦克风。</translation>
    </message>
    <message>
        <source>Noise suppression</source>
        <translation>降噪</translation>
    </message>
    <message>
        <source>Noise suppression: steady background noise (fans, traffic, the room) is turned down.</source>
        <translation>降噪：压低持续的背景噪声（风扇、车流、室内杂音）。</translation>
    </message>
    <message>
        <source>Rumble filter</source>
        <translation>低频滤波</translation>
    </message>
    <message>
        <source>Rumble filter: low hum and desk knocks below the voice are cut.</source>
        <translation>低频滤波：滤除人声以下的低频嗡嗡声和敲击桌面的声音。</translation>
    </message>
    <message>
        <source>Voice cleaning off</source>
        <translation>语音净化已关闭</translation>
    </message>
    <message>
        <source>Your voice goes to the customer as your microphone captures it: no echo cancellation, noise suppression or auto gain on this call.</source>
        <translation>本次通话未开启回声消除、降噪或自动增益：客户听到的是麦克风原样采集的声音。</translation>
    </message>
    <message>
        <source>Your voice is cleaned before the customer hears it:</source>
        <translation>您的声音在传给客户之前经过了净化：</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source> — retrying in {0:.0f} s</source>
        <translation>——{0:.0f} 秒后重试</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;History</source>
        <translation>历史(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;Keyboard shortcuts</source>
        <translation>快捷键(&amp;K)</translation>
    </message>
    <message>
        <source>&amp;Messages</source>
        <translation>消息(&amp;M)</translation>
    </message>
    <message>
        <source>&amp;Phone</source>
        <translation>电话(&amp;P)</translation>
    </message>
    <message>
        <source>Agent Softphone</source>
        <translation>坐席软电话</translation>
    </message>
    <message>
        <source>Answer</source>
        <translation>接听</translation>
    </message>
    <message>
        <source>Call</source>
        <translation>拨打</translation>
    </message>
    <message>
        <source>Call {number}</source>
        <translation>拨打 {number}</translation>
    </message>
    <message>
        <source>Call {remote} ended: {code} {reason}, {seconds:.0f} s{mos}</source>
        <translation>与 {remote} 的通话已结束：{code} {reason}，{seconds:.0f} 秒{mos}</translation>
    </message>
    <message>
        <source>Calls</source>
        <translation>通话</translation>
    </message>
    <message>
        <source>Decline</source>
        <translation>拒接</translation>
    </message>
    <message>
        <source>Do not call again</source>
        <translation>不再呼叫</translation>
    </message>
    <message>
        <source>Do not call again…</source>
        <translation>不再呼叫…</translation>
    </message>
    <message>
        <source>May this number be called</source>
        <translation>此号码能否拨打</translation>
    </message>
    <message>
        <source>Menu</source>
        <translation>菜单</translation>
    </message>
    <message>
        <source>Messages</source>
        <translation>消息</translation>
    </message>
    <message>
        <source>More menus</source>
        <translation>更多菜单</translation>
    </message>
    <message>
        <source>Not registered</source>
        <translation>未注册</translation>
    </message>
    <message>
        <source>Number or SIP address</source>
        <translation>号码或 SIP 地址</translation>
    </message>
    <message>
        <source>Number to call</source>
        <translation>要拨打的号码</translation>
    </message>
    <message>
        <source>Phone and history</source>
        <translation>电话和历史</translation>
    </message>
    <message>
        <source>Pick your status</source>
        <translation>选择您的状态</translation>
    </message>
    <message>
        <source>Registered as {0}</source>
        <translation>已注册为 {0}</translation>
    </message>
    <message>
        <source>Registration</source>
        <translation>注册</translation>
    </message>
    <message>
        <source>Registration failed: {code} {reason}</source>
        <translation>注册失败：{code} {reason}</translation>
    </message>
    <message>
        <source>{number} is NOT on the do-not-call list: {error}</source>
        <translation>{number} 未能加入免打扰名单：{error}</translation>
    </message>
    <message>
        <source>✓ {number} is on the do-not-call list: it will not be called again ({reason})</source>
        <translation>✓ {number} 已加入免打扰名单，不会再被呼叫（{reason}）</translation>
    </message>
</context>
<context>
    <name>MosSparkline</name>
    <message>
        <source>Call quality over time</source>
        <translation>通话质量走势</translation>
    </message>
    <message>
        <source>Call quality over time: measuring…</source>
        <translation>通话质量走势：测量中…</translation>
    </message>
    <message>
        <source>MOS over the call: {first:.1f} → {last:.1f}, lowest {low:.1f}</source>
        <translation>本次通话 MOS：{first:.1f} → {last:.1f}，最低 {low:.1f}</translation>
    </message>
</context>
<context>
    <name>ParkedView</name>
    <message>
        <source>1 event</source>
        <translation>1 个事件</translation>
    </message>
    <message>
        <source>Call quality</source>
        <translation>通话质量</translation>
    </message>
    <message>
        <source>Call record</source>
        <translation>通话记录</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>详情</translation>
    </message>
    <message>
        <source>Nothing is parked: the center took every event it was sent.</source>
        <translation>没有搁置的事件：中心已接收所有发送的事件。</translation>
    </message>
    <message>
        <source>Operation log</source>
        <translation>操作日志</translation>
    </message>
    <message>
        <source>Parked events</source>
        <translation>搁置的事件</translation>
    </message>
    <message>
        <source>Readiness report</source>
        <translation>就绪检查报告</translation>
    </message>
    <message>
        <source>Status change</source>
        <translation>状态变更</translation>
    </message>
    <message>
        <source>The center refused {events} for good. They are kept in this computer&apos;s journal and not sent again. Tell IT; once the cause is fixed they resend them with:
softphone journal outbox --retry --profile {folder}</source>
        <translation>中心永久拒收了 {events}。它们保留在本机日志中，不会再次发送。请告知 IT；问题解决后，IT 可用以下命令重新发送：
softphone journal outbox --retry --profile {folder}</translation>
    </message>
    <message>
        <source>The center said</source>
        <translation>中心的答复</translation>
    </message>
    <message>
        <source>What</source>
        <translation>内容</translation>
    </message>
    <message>
        <source>{n} events</source>
        <translation>{n} 个事件</translation>
    </message>
</context>
<context>
    <name>QualityBars</name>
    <message>
        <source>Call quality {bars} of 5 — MOS {mos:.1f}
Loss {loss:.1f} % · jitter {jitter:.0f} ms · RTT {rtt:.0f} ms · codec {codec}</source>
        <translation>通话质量 {bars}/5——MOS {mos:.1f}
丢包 {loss:.1f} % · 抖动 {jitter:.0f} ms · 往返时延 {rtt:.0f} ms · 编解码 {codec}</translation>
    </message>
    <message>
        <source>Call quality: measuring…</source>
        <translation>通话质量：测量中…</translation>
    </message>
    <message>
        <source>MOS {mos:.1f}</source>
        <translation>MOS {mos:.1f}</translation>
    </message>
    <message>
        <source>Quality</source>
        <translation>质量</translation>
    </message>
    <message>
        <source>measuring…</source>
        <translation>测量中…</translation>
    </message>
</context>
<context>
    <name>ReadinessDialog</name>
    <message>
        <source>A test tone plays in your headset after the microphone check.</source>
        <translation>麦克风检查后，耳机中会播放测试音。</translation>
    </message>
    <message>
        <source>Camera</source>
        <translation>摄像头</translation>
    </message>
    <message>
        <source>Cannot go Available: {why}</source>
        <translation>无法示闲：{why}</translation>
    </message>
    <message>
        <source>Check again</source>
        <translation>重新检查</translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation>检查中…</translation>
    </message>
    <message>
        <source>Checking… keep your headset on.</source>
        <translation>检查中…请保持佩戴耳机。</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Did you hear the test tone?</source>
        <translation>您听到测试音了吗？</translation>
    </message>
    <message>
        <source>Go Available</source>
        <translation>示闲</translation>
    </message>
    <message>
        <source>Measuring the way to your servers…</source>
        <translation>正在测量到服务器的网络…</translation>
    </message>
    <message>
        <source>Microphone</source>
        <translation>麦克风</translation>
    </message>
    <message>
        <source>Microphone hint</source>
        <translation>麦克风提示</translation>
    </message>
    <message>
        <source>Microphone level</source>
        <translation>麦克风音量</translation>
    </message>
    <message>
        <source>No</source>
        <translation>没有</translation>
    </message>
    <message>
        <source>No, I did not hear the tone</source>
        <translation>没有，我没听到测试音</translation>
    </message>
    <message>
        <source>Not ready: fix what is marked Fail, then check again.</source>
        <translation>未就绪：请修复标记为“失败”的项目，然后重新检查。</translation>
    </message>
    <message>
        <source>One question before the result: did you hear it?</source>
        <translation>出结果前请确认：您听到测试音了吗？</translation>
    </message>
    <message>
        <source>Overall result</source>
        <translation>总体结果</translation>
    </message>
    <message>
        <source>Playing a test tone in your headset now…</source>
        <translation>正在耳机中播放测试音…</translation>
    </message>
    <message>
        <source>Put your headset on. The check listens to your microphone, plays a tone in your headset, looks through your camera and measures the network: about ten seconds.</source>
        <translation>请戴上耳机。检查会收听您的麦克风、在耳机中播放测试音、查看摄像头并测量网络，约需十秒。</translation>
    </message>
    <message>
        <source>Readiness check</source>
        <translation>就绪检查</translation>
    </message>
    <message>
        <source>Ready, with warnings worth reading.</source>
        <translation>已就绪，但有值得留意的警告。</translation>
    </message>
    <message>
        <source>Ready: everything works.</source>
        <translation>已就绪：一切正常。</translation>
    </message>
    <message>
        <source>Results</source>
        <translation>检查结果</translation>
    </message>
    <message>
        <source>Say something: the bar moves when the microphone hears you.</source>
        <translation>请说话：麦克风听到声音时，音量条会跳动。</translation>
    </message>
    <message>
        <source>Speaker</source>
        <translation>扬声器</translation>
    </message>
    <message>
        <source>Speaker hint</source>
        <translation>扬声器提示</translation>
    </message>
    <message>
        <source>The camera is shown here after its check.</source>
        <translation>检查摄像头后，画面将显示在此处。</translation>
    </message>
    <message>
        <source>The check could not run: {why}</source>
        <translation>检查无法运行：{why}</translation>
    </message>
    <message>
        <source>The test tone has played.</source>
        <translation>测试音已播放。</translation>
    </message>
    <message>
        <source>What the check does</source>
        <translation>检查内容</translation>
    </message>
    <message>
        <source>Yes, I heard it</source>
        <translation>听到了</translation>
    </message>
    <message>
        <source>Yes, I heard the tone</source>
        <translation>是的，我听到了测试音</translation>
    </message>
</context>
<context>
    <name>ReadinessEntry</name>
    <message>
        <source>&amp;Readiness check…</source>
        <translation>就绪检查(&amp;R)…</translation>
    </message>
    <message>
        <source>&amp;Tools</source>
        <translation>工具(&amp;T)</translation>
    </message>
    <message>
        <source>Check your headset, camera and network</source>
        <translation>检查耳机、摄像头和网络</translation>
    </message>
</context>
<context>
    <name>ReadinessRows</name>
    <message>
        <source>Call quality (test packets, MOS)</source>
        <translation>通话质量（测试包，MOS）</translation>
    </message>
    <message>
        <source>Camera</source>
        <translation>摄像头</translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation>检查中…</translation>
    </message>
    <message>
        <source>Contact center service</source>
        <translation>联络中心服务</translation>
    </message>
    <message>
        <source>Fail</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>Microphone</source>
        <translation>麦克风</translation>
    </message>
    <message>
        <source>Network</source>
        <translation>网络</translation>
    </message>
    <message>
        <source>Not checked</source>
        <translation>未检查</translation>
    </message>
    <message>
        <source>Pass</source>
        <translation>通过</translation>
    </message>
    <message>
        <source>Registration</source>
        <translation>注册</translation>
    </message>
    <message>
        <source>Ring device</source>
        <translation>振铃设备</translation>
    </message>
    <message>
        <source>SIP server (TCP)</source>
        <translation>SIP 服务器（TCP）</translation>
    </message>
    <message>
        <source>SIP server (TLS)</source>
        <translation>SIP 服务器（TLS）</translation>
    </message>
    <message>
        <source>SIP server (UDP)</source>
        <translation>SIP 服务器（UDP）</translation>
    </message>
    <message>
        <source>STUN (your public address)</source>
        <translation>STUN（您的公网地址）</translation>
    </message>
    <message>
        <source>Speaker</source>
        <translation>扬声器</translation>
    </message>
    <message>
        <source>Unknown SIP senders</source>
        <translation>未知 SIP 发送方</translation>
    </message>
    <message>
        <source>Waiting</source>
        <translation>等待中</translation>
    </message>
    <message>
        <source>Warning</source>
        <translation>警告</translation>
    </message>
    <message>
        <source>What to do: {fix}</source>
        <translation>处理建议：{fix}</translation>
    </message>
    <message>
        <source>{check}: what was found</source>
        <translation>{check}：检查发现</translation>
    </message>
    <message>
        <source>{check}: {verdict}</source>
        <translation>{check}：{verdict}</translation>
    </message>
</context>
<context>
    <name>ReadinessTexts</name>
    <message>
        <source>Another program may hold the device; close it, or pick another one.</source>
        <translation>可能有其他程序占用了该设备：请关闭该程序，或选择其他设备。</translation>
    </message>
    <message>
        <source>Another program may hold the microphone; close it, or pick another device.</source>
        <translation>可能有其他程序占用了麦克风：请关闭该程序，或选择其他设备。</translation>
    </message>
    <message>
        <source>Calls may sound choppy or delayed: use a cable instead of Wi-Fi, stop large downloads, or tell IT.</source>
        <translation>通话可能断续或延迟：请改用有线网络代替无线网络，暂停大文件下载，或告知 IT。</translation>
    </message>
    <message>
        <source>Check that the headset is plugged in, then run the check again.</source>
        <translation>请确认耳机已插好，然后重新检查。</translation>
    </message>
    <message>
        <source>Check the camera&apos;s privacy shutter or switch; unplug and re-plug it.</source>
        <translation>请检查摄像头的隐私挡板或开关；拔下后重新插上。</translation>
    </message>
    <message>
        <source>Check the headset&apos;s cable or plug, then run the check again.</source>
        <translation>请检查耳机线或插头，然后重新检查。</translation>
    </message>
    <message>
        <source>No camera found</source>
        <translation>未找到摄像头</translation>
    </message>
    <message>
        <source>No microphone found</source>
        <translation>未找到麦克风</translation>
    </message>
    <message>
        <source>No speaker or headset found</source>
        <translation>未找到扬声器或耳机</translation>
    </message>
    <message>
        <source>Plug in the camera (or open the laptop lid) and run the check again.</source>
        <translation>请插上摄像头（或打开笔记本电脑屏幕），然后重新检查。</translation>
    </message>
    <message>
        <source>Plug in your headset (or a microphone) and run the check again.</source>
        <translation>请插上耳机（或麦克风），然后重新检查。</translation>
    </message>
    <message>
        <source>Plug in your headset and run the check again.</source>
        <translation>请插上耳机，然后重新检查。</translation>
    </message>
    <message>
        <source>RTT {rtt:.0f} ms, jitter {jitter:.0f} ms, loss {loss:.0f} % → MOS {mos:.1f}</source>
        <translation>RTT {rtt:.0f} ms，抖动 {jitter:.0f} ms，丢包 {loss:.0f} % → MOS {mos:.1f}</translation>
    </message>
    <message>
        <source>RTT {rtt:.0f} ms, jitter {jitter:.0f} ms, loss {loss:.0f} % → MOS {mos:.1f}: over the limits for good calls</source>
        <translation>RTT {rtt:.0f} ms，抖动 {jitter:.0f} ms，丢包 {loss:.0f} % → MOS {mos:.1f}：超出良好通话的限值</translation>
    </message>
    <message>
        <source>See the SIP checks above: the network to the SIP server does not work.</source>
        <translation>请查看上方的 SIP 检查：到 SIP 服务器的网络不通。</translation>
    </message>
    <message>
        <source>Status changes will show late on the wallboard; tell IT if it stays slow.</source>
        <translation>状态变更在监控大屏上会显示延迟；如果持续缓慢，请告知 IT。</translation>
    </message>
    <message>
        <source>Supervisors will not see you until this works (your calls are not affected): check VPN/proxy, or ask IT whether the central service is up.</source>
        <translation>恢复连接前，主管看不到您的状态（不影响您的通话）：请检查 VPN/代理，或询问 IT 中心服务是否正常运行。</translation>
    </message>
    <message>
        <source>The SIP server does not answer the registration; see the SIP checks above.</source>
        <translation>SIP 服务器未响应注册；请查看上方的 SIP 检查。</translation>
    </message>
    <message>
        <source>The central service has a problem: tell IT (your calls are not affected).</source>
        <translation>中心服务出现问题：请告知 IT（不影响您的通话）。</translation>
    </message>
    <message>
        <source>The sound goes to a device you are not wearing: choose your headset as the output in the sound settings (or the app&apos;s audio settings), then check again.</source>
        <translation>声音输出到了您未佩戴的设备：请在系统声音设置（或本软件的音频设置）中将耳机选为输出设备，然后重新检查。</translation>
    </message>
    <message>
        <source>Turn the microphone&apos;s input volume down a little in the system settings.</source>
        <translation>请在系统设置中将麦克风输入音量稍微调低。</translation>
    </message>
    <message>
        <source>Turn the microphone&apos;s input volume up in the system sound settings.</source>
        <translation>请在系统声音设置中调高麦克风输入音量。</translation>
    </message>
    <message>
        <source>Turn the volume up, check that the headset is plugged in and chosen in the sound settings, then run the check again.</source>
        <translation>请调高音量，确认耳机已插好并在声音设置中被选中，然后重新检查。</translation>
    </message>
    <message>
        <source>Unplug and re-plug the headset, or pick another microphone.</source>
        <translation>请拔下耳机后重新插上，或选择其他麦克风。</translation>
    </message>
    <message>
        <source>Usually a SIP scanner: nothing to do. If calls should come from that address (an SBC or media server), IT adds it to [sip] trusted_sources.</source>
        <translation>通常是 SIP 扫描器，无需处理。如果通话应当来自该地址（SBC 或媒体服务器），请 IT 将其加入「[sip] trusted_sources」。</translation>
    </message>
    <message>
        <source>cannot reach {device}: {error}</source>
        <translation>无法连接「{device}」：「{error}」</translation>
    </message>
    <message>
        <source>no SIP request from an unknown source</source>
        <translation>没有来自未知来源的 SIP 请求</translation>
    </message>
    <message>
        <source>no SIP server configured</source>
        <translation>未配置 SIP 服务器</translation>
    </message>
    <message>
        <source>no SIP server configured ([sip] server)</source>
        <translation>未配置 SIP 服务器</translation>
    </message>
    <message>
        <source>no answer to the registration yet</source>
        <translation>注册尚未得到响应</translation>
    </message>
    <message>
        <source>no camera connected (none is configured)</source>
        <translation>未连接摄像头（未配置摄像头）</translation>
    </message>
    <message>
        <source>no central service configured ([central] url)</source>
        <translation>未配置中心服务</translation>
    </message>
    <message>
        <source>not checked (no camera support in this mode)</source>
        <translation>未检查（此模式不支持摄像头）</translation>
    </message>
    <message>
        <source>not checked during a call</source>
        <translation>通话中不检查</translation>
    </message>
    <message>
        <source>not checked here (the running agent checks it)</source>
        <translation>此处不检查（由运行中的坐席程序检查）</translation>
    </message>
    <message>
        <source>not configured (no STUN server in [sip] stun_server)</source>
        <translation>未配置 STUN 服务器</translation>
    </message>
    <message>
        <source>not registered: no SIP password stored</source>
        <translation>未注册：未保存 SIP 密码</translation>
    </message>
    <message>
        <source>registered at the SIP server</source>
        <translation>已在 SIP 服务器注册</translation>
    </message>
    <message>
        <source>the SIP server answered none of the probe</source>
        <translation>SIP 服务器未响应任何测试包</translation>
    </message>
    <message>
        <source>{device} answered {code}</source>
        <translation>{device} 返回 {code}</translation>
    </message>
    <message>
        <source>{device} answers ({value})</source>
        <translation>{device} 响应正常（{value}）</translation>
    </message>
    <message>
        <source>{device} answers over TCP ({value})</source>
        <translation>「{device}」通过 TCP 响应（{value}）</translation>
    </message>
    <message>
        <source>{device} answers over TLS ({value})</source>
        <translation>「{device}」通过 TLS 响应（{value}）</translation>
    </message>
    <message>
        <source>{device} answers over UDP ({value})</source>
        <translation>「{device}」通过 UDP 响应（{value}）</translation>
    </message>
    <message>
        <source>{device} answers slowly ({value})</source>
        <translation>{device} 响应缓慢（{value}）</translation>
    </message>
    <message>
        <source>{device} delivers a picture ({value})</source>
        <translation>「{device}」画面正常（{value}）</translation>
    </message>
    <message>
        <source>{device} hears you ({value})</source>
        <translation>「{device}」能听到您的声音（{value}）</translation>
    </message>
    <message>
        <source>{device} plays sound ({value})</source>
        <translation>「{device}」播放正常（测试音 {value}）</translation>
    </message>
    <message>
        <source>{found}; you heard it</source>
        <translation>{found}；您听到了测试音</translation>
    </message>
    <message>
        <source>{text}</source>
        <translation>「{text}」</translation>
    </message>
    <message>
        <source>{value} SIP request(s) from unknown sources refused (latest from {latest})</source>
        <translation>已拒绝 {value} 个来自未知来源的 SIP 请求（最近一次来自「{latest}」）</translation>
    </message>
</context>
<context>
    <name>Reasons</name>
    <message>
        <source> (closed in {closed} of the number&apos;s {zones} zones)</source>
        <translation>（该号码的 {zones} 个时区中有 {closed} 个处于禁呼时段）</translation>
    </message>
    <message>
        <source>Alabama</source>
        <translation>亚拉巴马州</translation>
    </message>
    <message>
        <source>Australia</source>
        <translation>澳大利亚</translation>
    </message>
    <message>
        <source>Canada</source>
        <translation>加拿大</translation>
    </message>
    <message>
        <source>China</source>
        <translation>中国</translation>
    </message>
    <message>
        <source>Florida</source>
        <translation>佛罗里达州</translation>
    </message>
    <message>
        <source>France</source>
        <translation>法国</translation>
    </message>
    <message>
        <source>India</source>
        <translation>印度</translation>
    </message>
    <message>
        <source>Louisiana</source>
        <translation>路易斯安那州</translation>
    </message>
    <message>
        <source>Maryland</source>
        <translation>马里兰州</translation>
    </message>
    <message>
        <source>Oklahoma</source>
        <translation>俄克拉何马州</translation>
    </message>
    <message>
        <source>Spain</source>
        <translation>西班牙</translation>
    </message>
    <message>
        <source>United Kingdom</source>
        <translation>英国</translation>
    </message>
    <message>
        <source>United States (federal)</source>
        <translation>美国（联邦）</translation>
    </message>
    <message>
        <source>a call is ringing: answer or reject it first</source>
        <translation>有来电正在振铃：请先接听或拒接</translation>
    </message>
    <message>
        <source>a readiness check is required before going available: run it</source>
        <translation>示闲前需要完成就绪检查：请先进行检查</translation>
    </message>
    <message>
        <source>cannot go from {status} to {wanted}</source>
        <translation>无法从{status}切换为{wanted}</translation>
    </message>
    <message>
        <source>enterprise</source>
        <translation>本中心</translation>
    </message>
    <message>
        <source>not a number that can be called: {detail}</source>
        <translation>不是可拨打的号码：「{detail}」</translation>
    </message>
    <message>
        <source>not one of our SIP domains and not a phone number: {detail}</source>
        <translation>既不是本中心的 SIP 域，也不是电话号码：「{detail}」</translation>
    </message>
    <message>
        <source>the agent is on a call: hang up first</source>
        <translation>您正在通话中：请先挂断</translation>
    </message>
    <message>
        <source>the call history cannot be read: {detail}</source>
        <translation>无法读取通话记录：「{detail}」</translation>
    </message>
    <message>
        <source>the compliance check could not be completed: {detail}</source>
        <translation>合规检查未能完成：「{detail}」</translation>
    </message>
    <message>
        <source>the do-not-call list cannot be read: {detail}</source>
        <translation>无法读取免打扰名单：「{detail}」</translation>
    </message>
    <message>
        <source>the last readiness check failed: fix what it says and check again</source>
        <translation>上次就绪检查未通过：请按提示修复后重新检查</translation>
    </message>
    <message>
        <source>the last readiness check is older than {minutes} min: check again</source>
        <translation>上次就绪检查已超过 {minutes} 分钟：请重新检查</translation>
    </message>
    <message>
        <source>the {list} do-not-call list is not on this computer: ask IT to install it</source>
        <translation>本机没有 {list} 免打扰名单：请联系 IT 安装</translation>
    </message>
    <message>
        <source>the {list} do-not-call list is {days} days old (at most {max_days}): it must be updated before dialing</source>
        <translation>{list} 免打扰名单已有 {days} 天未更新（最多允许 {max_days} 天）：拨打前必须更新</translation>
    </message>
    <message>
        <source>this computer&apos;s clock cannot be trusted: {detail}</source>
        <translation>本机时钟不可信：「{detail}」</translation>
    </message>
    <message>
        <source>wrap-up is mandatory for {seconds} s more</source>
        <translation>还需进行 {seconds} 秒的话后处理</translation>
    </message>
    <message>
        <source>{day} {time} in {zone}</source>
        <translation>{zone} 当地时间{day} {time}</translation>
    </message>
    <message>
        <source>{error}</source>
        <translation>「{error}」</translation>
    </message>
    <message>
        <source>{number} is on the do-not-call list (enterprise list: {why} — {who}, {since})</source>
        <translation>{number} 在免打扰名单中（本中心名单：{why}——{who}，{since}）</translation>
    </message>
    <message>
        <source>{number} is on the do-not-call list (enterprise list: {why} — {who}, {since}, until {until})</source>
        <translation>{number} 在免打扰名单中（本中心名单：{why}——{who}，{since}，有效期至 {until}）</translation>
    </message>
    <message>
        <source>{number} is on the do-not-call list (registry {registry})</source>
        <translation>{number} 在免打扰名单中（登记库 {registry}）</translation>
    </message>
    <message>
        <source>{number}: the callee&apos;s time zone is unknown</source>
        <translation>{number}：被叫方时区未知</translation>
    </message>
    <message>
        <source>{pack}: {count} calls to {number} in the last {hours} h (at most {limit})</source>
        <translation>{pack}：过去 {hours} 小时内已呼叫 {number} {count} 次（最多 {limit} 次）</translation>
    </message>
    <message>
        <source>{pack}: {number} refused a call on {refused}; no call before {until}</source>
        <translation>{pack}：{number} 于 {refused} 拒绝过来电；{until} 之前不得呼叫</translation>
    </message>
    <message>
        <source>{pack}: {where} is a public holiday ({holiday})</source>
        <translation>{pack}：{where} 为法定节假日（「{holiday}」）</translation>
    </message>
    <message>
        <source>{pack}: {where} is outside the calling hours (no calls on this day)</source>
        <translation>{pack}：{where} 不在允许呼叫时段内（当天全天禁止呼叫）</translation>
    </message>
    <message>
        <source>{pack}: {where} is outside the calling hours ({hours})</source>
        <translation>{pack}：{where} 不在允许呼叫时段内（{hours}）</translation>
    </message>
    <message>
        <source>{status} needs a reason</source>
        <translation>{status}需要选择原因</translation>
    </message>
    <message>
        <source>{status} takes no reason</source>
        <translation>{status}无需原因</translation>
    </message>
    <message>
        <source>{what}: {error}</source>
        <translation>{what}：「{error}」</translation>
    </message>
    <message>
        <source>“{reason}” is not a reason for {status}</source>
        <translation>“{reason}”不是{status}的原因</translation>
    </message>
</context>
<context>
    <name>RecordToggle</name>
    <message>
        <source>Paused — press to resume</source>
        <translation>已暂停——点击继续录音</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>录音</translation>
    </message>
    <message>
        <source>Record this call</source>
        <translation>为本次通话录音</translation>
    </message>
    <message>
        <source>Recording — press to pause</source>
        <translation>录音中——点击暂停</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>&amp;Address:</source>
        <translation>地址(&amp;A)：</translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation>浏览(&amp;B)…</translation>
    </message>
    <message>
        <source>&amp;Domain:</source>
        <translation>域(&amp;D)：</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation>语言(&amp;L)：</translation>
    </message>
    <message>
        <source>&amp;Microphone:</source>
        <translation>麦克风(&amp;M)：</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>密码(&amp;P)：</translation>
    </message>
    <message>
        <source>&amp;Play test sound</source>
        <translation>播放测试音(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Ring on:</source>
        <translation>振铃设备(&amp;R)：</translation>
    </message>
    <message>
        <source>&amp;Server:</source>
        <translation>服务器(&amp;S)：</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>设置(&amp;S)…</translation>
    </message>
    <message>
        <source>&amp;Softphone</source>
        <translation>软电话(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Speaker:</source>
        <translation>扬声器(&amp;S)：</translation>
    </message>
    <message>
        <source>&amp;Test</source>
        <translation>测试(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Transport:</source>
        <translation>传输协议(&amp;T)：</translation>
    </message>
    <message>
        <source>&amp;User:</source>
        <translation>用户名(&amp;U)：</translation>
    </message>
    <message>
        <source>, </source>
        <translation>、</translation>
    </message>
    <message>
        <source>Account</source>
        <translation>账号</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <source>Always (calls without it fail)</source>
        <translation>始终（不加密的通话将失败）</translation>
    </message>
    <message>
        <source>Audio</source>
        <translation>音频</translation>
    </message>
    <message>
        <source>Audio device trouble</source>
        <translation>音频设备故障</translation>
    </message>
    <message>
        <source>Audio devices</source>
        <translation>音频设备</translation>
    </message>
    <message>
        <source>Call &amp;encryption (SRTP):</source>
        <translation>通话加密（SRTP）(&amp;E)：</translation>
    </message>
    <message>
        <source>Call encryption</source>
        <translation>通话加密</translation>
    </message>
    <message>
        <source>Call encryption (SRTP)</source>
        <translation>通话加密（SRTP）</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Central service</source>
        <translation>中心服务</translation>
    </message>
    <message>
        <source>Central service address</source>
        <translation>中心服务地址</translation>
    </message>
    <message>
        <source>Central service password</source>
        <translation>中心服务密码</translation>
    </message>
    <message>
        <source>Central service user</source>
        <translation>中心服务用户名</translation>
    </message>
    <message>
        <source>Certificates (*.pem *.crt *.cer);;All files (*)</source>
        <translation>证书 (*.pem *.crt *.cer);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Choose the TLS CA certificate file</source>
        <translation>选择 TLS CA 证书文件</translation>
    </message>
    <message>
        <source>Close to tray</source>
        <translation>关闭到托盘</translation>
    </message>
    <message>
        <source>Closing the window keeps the softphone running in the tray</source>
        <translation>关闭窗口后，软电话继续在系统托盘中运行</translation>
    </message>
    <message>
        <source>Domain</source>
        <translation>域</translation>
    </message>
    <message>
        <source>Enter the address, user and password first.</source>
        <translation>请先输入地址、用户名和密码。</translation>
    </message>
    <message>
        <source>Enter the password first.</source>
        <translation>请先输入密码。</translation>
    </message>
    <message>
        <source>Enter the server and the user first.</source>
        <translation>请先输入服务器和用户名。</translation>
    </message>
    <message>
        <source>Enter your SIP server to start.</source>
        <translation>请先输入 SIP 服务器再启动。</translation>
    </message>
    <message>
        <source>How to check the devices</source>
        <translation>如何检查设备</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <source>Level:</source>
        <translation>音量：</translation>
    </message>
    <message>
        <source>Locked by {who}</source>
        <translation>已被{who}锁定</translation>
    </message>
    <message>
        <source>Locked settings</source>
        <translation>已锁定的设置</translation>
    </message>
    <message>
        <source>Microphone</source>
        <translation>麦克风</translation>
    </message>
    <message>
        <source>Microphone level</source>
        <translation>麦克风音量</translation>
    </message>
    <message>
        <source>Not saved: {why}</source>
        <translation>未保存：「{why}」</translation>
    </message>
    <message>
        <source>Off</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Outbound pro&amp;xy:</source>
        <translation>出站代理(&amp;X)：</translation>
    </message>
    <message>
        <source>Outbound proxy</source>
        <translation>出站代理</translation>
    </message>
    <message>
        <source>Pass&amp;word:</source>
        <translation>密码(&amp;W)：</translation>
    </message>
    <message>
        <source>Play a test sound on the ring device</source>
        <translation>在振铃设备上播放测试音</translation>
    </message>
    <message>
        <source>Play a test sound on the speaker</source>
        <translation>在扬声器上播放测试音</translation>
    </message>
    <message>
        <source>Play test so&amp;und</source>
        <translation>播放测试音(&amp;U)</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
    <message>
        <source>Registering with {server}…</source>
        <translation>正在向 {server} 注册…</translation>
    </message>
    <message>
        <source>Ring device</source>
        <translation>振铃设备</translation>
    </message>
    <message>
        <source>Ring device test sound level</source>
        <translation>振铃设备测试音音量</translation>
    </message>
    <message>
        <source>Ring on</source>
        <translation>振铃设备</translation>
    </message>
    <message>
        <source>SIP account</source>
        <translation>SIP 账号</translation>
    </message>
    <message>
        <source>SIP domain</source>
        <translation>SIP 域</translation>
    </message>
    <message>
        <source>SIP password</source>
        <translation>SIP 密码</translation>
    </message>
    <message>
        <source>SIP server</source>
        <translation>SIP 服务器</translation>
    </message>
    <message>
        <source>SIP user</source>
        <translation>SIP 用户名</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>Save and start</source>
        <translation>保存并启动</translation>
    </message>
    <message>
        <source>Save or cancel</source>
        <translation>保存或取消</translation>
    </message>
    <message>
        <source>Server</source>
        <translation>服务器</translation>
    </message>
    <message>
        <source>Set by {who}, not changeable here: {names}</source>
        <translation>以下设置由{who}设定，此处不可更改：{names}</translation>
    </message>
    <message>
        <source>Set up the softphone</source>
        <translation>设置软电话</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>Settings pages</source>
        <translation>设置页面</translation>
    </message>
    <message>
        <source>Settings saved. A changed SIP account is used from the next start.</source>
        <translation>设置已保存。更改后的 SIP 账号将在下次启动时生效。</translation>
    </message>
    <message>
        <source>Sign &amp;in</source>
        <translation>登录(&amp;I)</translation>
    </message>
    <message>
        <source>Sign in to the central service</source>
        <translation>登录中心服务</translation>
    </message>
    <message>
        <source>Sign-in result</source>
        <translation>登录结果</translation>
    </message>
    <message>
        <source>Signing in to {url}…</source>
        <translation>正在登录 {url}…</translation>
    </message>
    <message>
        <source>Speak into the microphone: its level bar moves with your voice. A test sound lets you hear the speaker and the ring device.</source>
        <translation>对着麦克风说话：音量条会随您的声音跳动。播放测试音可试听扬声器和振铃设备。</translation>
    </message>
    <message>
        <source>Speaker</source>
        <translation>扬声器</translation>
    </message>
    <message>
        <source>Speaker test sound level</source>
        <translation>扬声器测试音音量</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>启动</translation>
    </message>
    <message>
        <source>Start at login</source>
        <translation>开机自启动</translation>
    </message>
    <message>
        <source>Start the softphone when I log in</source>
        <translation>登录电脑时自动启动软电话</translation>
    </message>
    <message>
        <source>TLS &amp;CA certificate:</source>
        <translation>TLS CA 证书(&amp;C)：</translation>
    </message>
    <message>
        <source>TLS CA certificate</source>
        <translation>TLS CA 证书</translation>
    </message>
    <message>
        <source>TLS CA certificate file</source>
        <translation>TLS CA 证书文件</translation>
    </message>
    <message>
        <source>Test result</source>
        <translation>测试结果</translation>
    </message>
    <message>
        <source>Test the account</source>
        <translation>测试账号</translation>
    </message>
    <message>
        <source>The TLS CA certificate IT gave you</source>
        <translation>IT 提供给您的 TLS CA 证书</translation>
    </message>
    <message>
        <source>The center your supervisors watch. Leave the address empty to work without one.</source>
        <translation>班长用来监控坐席的中心。地址留空则不连接中心。</translation>
    </message>
    <message>
        <source>The new language is used from the next start.</source>
        <translation>新语言将在下次启动时生效。</translation>
    </message>
    <message>
        <source>The system&apos;s language</source>
        <translation>跟随系统语言</translation>
    </message>
    <message>
        <source>Transport</source>
        <translation>传输协议</translation>
    </message>
    <message>
        <source>U&amp;ser:</source>
        <translation>用户名(&amp;S)：</translation>
    </message>
    <message>
        <source>User</source>
        <translation>用户名</translation>
    </message>
    <message>
        <source>Welcome</source>
        <translation>欢迎</translation>
    </message>
    <message>
        <source>Welcome! Enter the SIP account your contact center gave you, press Test, then Save.</source>
        <translation>欢迎！请输入呼叫中心为您分配的 SIP 账号，点击“测试”，然后点击“保存”。</translation>
    </message>
    <message>
        <source>When the other side offers it</source>
        <translation>对方支持时加密</translation>
    </message>
    <message>
        <source>Why the settings were not saved</source>
        <translation>设置未保存的原因</translation>
    </message>
    <message>
        <source>empty: none</source>
        <translation>留空：不使用</translation>
    </message>
    <message>
        <source>empty: the authorities this computer trusts</source>
        <translation>留空：使用本机信任的颁发机构</translation>
    </message>
    <message>
        <source>empty: the server&apos;s name</source>
        <translation>留空：使用服务器名称</translation>
    </message>
    <message>
        <source>extension or user name</source>
        <translation>分机号或用户名</translation>
    </message>
    <message>
        <source>https://center.example.com</source>
        <translation>https://center.example.com</translation>
    </message>
    <message>
        <source>kept in this computer&apos;s keyring</source>
        <translation>保存在本机的系统密钥环中</translation>
    </message>
    <message>
        <source>pbx.example.com or pbx.example.com:5061</source>
        <translation>pbx.example.com 或 pbx.example.com:5061</translation>
    </message>
    <message>
        <source>your IT department ({file})</source>
        <translation>您的 IT 部门（{file}）</translation>
    </message>
</context>
<context>
    <name>ShortcutSheet</name>
    <message>
        <source>Answer, decline, hang up, mute and hold work from every window of the app, the pop-up too.</source>
        <translation>接听、拒接、挂断、静音和保持在本应用的所有窗口中均可使用，来电弹屏也不例外。</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>快捷键</translation>
    </message>
    <message>
        <source>Keys</source>
        <translation>按键</translation>
    </message>
    <message>
        <source>What they do</source>
        <translation>功能</translation>
    </message>
    <message>
        <source>Where the shortcuts work</source>
        <translation>快捷键的适用范围</translation>
    </message>
</context>
<context>
    <name>Shortcuts</name>
    <message>
        <source>Answer the ringing call</source>
        <translation>接听振铃中的来电</translation>
    </message>
    <message>
        <source>Decline the ringing call</source>
        <translation>拒接振铃中的来电</translation>
    </message>
    <message>
        <source>Go to the number field</source>
        <translation>转到号码输入框</translation>
    </message>
    <message>
        <source>Hang up (end the call)</source>
        <translation>挂断（结束通话）</translation>
    </message>
    <message>
        <source>Hold or resume</source>
        <translation>保持或恢复</translation>
    </message>
    <message>
        <source>Mute or unmute</source>
        <translation>静音或取消静音</translation>
    </message>
    <message>
        <source>Open the status menu</source>
        <translation>打开状态菜单</translation>
    </message>
    <message>
        <source>Show these keyboard shortcuts</source>
        <translation>显示这些快捷键</translation>
    </message>
    <message>
        <source>Transfer the call</source>
        <translation>转接通话</translation>
    </message>
</context>
<context>
    <name>SipTexts</name>
    <message>
        <source>busy</source>
        <translation>忙</translation>
    </message>
    <message>
        <source>busy everywhere</source>
        <translation>全忙</translation>
    </message>
    <message>
        <source>call ended normally</source>
        <translation>正常挂机</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <source>declined</source>
        <translation>拒接</translation>
    </message>
    <message>
        <source>forbidden</source>
        <translation>禁止访问</translation>
    </message>
    <message>
        <source>media not accepted</source>
        <translation>媒体协商失败</translation>
    </message>
    <message>
        <source>no answer in time</source>
        <translation>应答超时</translation>
    </message>
    <message>
        <source>not available now</source>
        <translation>暂时无法接通</translation>
    </message>
    <message>
        <source>number incomplete</source>
        <translation>号码不完整</translation>
    </message>
    <message>
        <source>number not found</source>
        <translation>号码不存在</translation>
    </message>
    <message>
        <source>server error</source>
        <translation>服务器错误</translation>
    </message>
    <message>
        <source>service unavailable</source>
        <translation>服务不可用</translation>
    </message>
    <message>
        <source>{phrase}</source>
        <translation>「{phrase}」</translation>
    </message>
</context>
<context>
    <name>StatusPanel</name>
    <message>
        <source>Answer on my cellphone</source>
        <translation>用我的手机接听</translation>
    </message>
    <message>
        <source>Available</source>
        <translation>示闲</translation>
    </message>
    <message>
        <source>Break</source>
        <translation>小休</translation>
    </message>
    <message>
        <source>Cannot go {status}: {why}</source>
        <translation>无法切换为{status}：{why}</translation>
    </message>
    <message>
        <source>Not ready</source>
        <translation>示忙</translation>
    </message>
    <message>
        <source>Offline</source>
        <translation>离线</translation>
    </message>
    <message>
        <source>On a call</source>
        <translation>通话中</translation>
    </message>
    <message>
        <source>Pick your status</source>
        <translation>选择您的状态</translation>
    </message>
    <message>
        <source>Ringing</source>
        <translation>振铃中</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Wrap-up</source>
        <translation>话后处理</translation>
    </message>
    <message>
        <source>after call work</source>
        <translation>事后处理</translation>
    </message>
    <message>
        <source>coffee</source>
        <translation>茶歇</translation>
    </message>
    <message>
        <source>lunch</source>
        <translation>午餐</translation>
    </message>
    <message>
        <source>meeting</source>
        <translation>会议</translation>
    </message>
    <message>
        <source>missed calls</source>
        <translation>未接来电过多</translation>
    </message>
    <message>
        <source>personal</source>
        <translation>私事</translation>
    </message>
    <message>
        <source>short break</source>
        <translation>短暂休息</translation>
    </message>
    <message>
        <source>technical problem</source>
        <translation>技术故障</translation>
    </message>
    <message>
        <source>training</source>
        <translation>培训</translation>
    </message>
</context>
<context>
    <name>StatusTray</name>
    <message>
        <source>Agent Softphone</source>
        <translation>坐席软电话</translation>
    </message>
    <message>
        <source>Calls cannot reach you until the phone registers again. {why}</source>
        <translation>在电话重新注册之前，您将无法接到来电。{why}</translation>
    </message>
    <message>
        <source>Calls reach you again.</source>
        <translation>您又可以接到来电了。</translation>
    </message>
    <message>
        <source>Cannot go {status}: {why}</source>
        <translation>无法切换为{status}：{why}</translation>
    </message>
    <message>
        <source>Missed call</source>
        <translation>未接来电</translation>
    </message>
    <message>
        <source>Missed call from {caller}</source>
        <translation>来自 {caller} 的未接来电</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
    <message>
        <source>Readiness check…</source>
        <translation>就绪检查…</translation>
    </message>
    <message>
        <source>Registered again</source>
        <translation>已重新注册</translation>
    </message>
    <message>
        <source>Registration lost</source>
        <translation>注册已断开</translation>
    </message>
    <message>
        <source>Show window</source>
        <translation>显示窗口</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Status not changed</source>
        <translation>状态未变更</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>未知</translation>
    </message>
</context>
<context>
    <name>SyncIndicator</name>
    <message>
        <source> since {time}</source>
        <translation>（自 {time} 起）</translation>
    </message>
    <message>
        <source> · {count} parked</source>
        <translation> · {count} 个已搁置</translation>
    </message>
    <message>
        <source>Click to see the events the center refused</source>
        <translation>点击查看中心拒收的事件</translation>
    </message>
    <message>
        <source>Connecting to the center… {waiting} waiting</source>
        <translation>正在连接中心… {waiting} 个待发送</translation>
    </message>
    <message>
        <source>Details: {error}</source>
        <translation>详细信息：「{error}」</translation>
    </message>
    <message>
        <source>Sync off (no center configured)</source>
        <translation>同步已关闭（未配置中心）</translation>
    </message>
    <message>
        <source>Sync with the center</source>
        <translation>与中心同步</translation>
    </message>
    <message>
        <source>↻ Sending · {waiting} waiting</source>
        <translation>↻ 正在发送 · {waiting} 个待发送</translation>
    </message>
    <message>
        <source>⚠ Center unreachable{since} · {waiting} waiting</source>
        <translation>⚠ 无法连接中心{since} · {waiting} 个待发送</translation>
    </message>
    <message>
        <source>✓ Synced</source>
        <translation>✓ 已同步</translation>
    </message>
</context>
<context>
    <name>WrapUpPanel</name>
    <message>
        <source>After the call with {call} — {hint}</source>
        <translation>与 {call} 通话之后——{hint}</translation>
    </message>
    <message>
        <source>After the call with {call}: &lt;b&gt;{left}&lt;/b&gt; left — {hint}</source>
        <translation>与 {call} 通话之后：剩余 &lt;b&gt;{left}&lt;/b&gt;——{hint}</translation>
    </message>
    <message>
        <source>Disposition</source>
        <translation>处理结果</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>完成</translation>
    </message>
    <message>
        <source>Remarks</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>What happened on the call</source>
        <translation>通话情况</translation>
    </message>
    <message>
        <source>Wrap-up</source>
        <translation>话后处理</translation>
    </message>
    <message>
        <source>Wrap-up done</source>
        <translation>话后处理已完成</translation>
    </message>
    <message>
        <source>Wrap-up is mandatory until the countdown ends</source>
        <translation>倒计时结束前必须进行话后处理</translation>
    </message>
    <message>
        <source>Wrap-up not done: {why}</source>
        <translation>话后处理未完成：{why}</translation>
    </message>
    <message>
        <source>mandatory: then you are Available again</source>
        <translation>必须完成：之后您将恢复示闲</translation>
    </message>
    <message>
        <source>no time limit: press Done when you are finished</source>
        <translation>不限时：处理完毕后请按“完成”</translation>
    </message>
    <message>
        <source>then you are Available again; press Done to finish earlier</source>
        <translation>之后您将恢复示闲；可按“完成”提前结束</translation>
    </message>
</context>
</TS>
