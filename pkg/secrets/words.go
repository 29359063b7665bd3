package secrets

import "strings"

// commonWords are words that make up identifiers, configuration names and
// prose; a value made mostly of them is a name or text, not a credential.
var commonWords = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(`
about access account action active adapter add address admin after agent alert algorithm alias all allow
alpha amount analytics and android any api app application apply archive args array asset assert async
attribute audio auth author auto available back backend backup bad balance bank base basic batch bearer
before begin beta big bin binary bind bit blob block blue body bool boolean boot bot bound box branch break
broken browser bucket buffer bug build builder bundle business button buy byte bytes cache calendar call
callback can cancel card case cert certificate chain change channel char chart chat check child chunk class
clean clear cli click client clock close cloud cluster code collection color column command comment commit
common company compare complete component compute config configuration connect connection console const
constant consumer contact container content context control controller cookie copy core count counter
country create credential credentials cron crypto css current cursor custom customer daily dark dashboard
data database date day debug decode default delete delivery demo deploy deployment description destination
detail dev device dialog diff digest dir direct directory disable disk display doc docker document domain
done double down download draft driver drop dummy dump duration dynamic edge edit editor element email
empty enable encode encrypt encrypted end endpoint engine entity entry env environment equal error event
example exchange exec execute exist exit expire expired export expression external extra factory fail
failed fake false feature feed fetch field file filter final find first flag float flow folder font
foo for form format forward frame free from front full func function gateway general generate generic get
git github global google grant graph green group guard guest handle handler hash has have head header
health height hello help hidden high history hold home hook host hour html http https icon image import
index info init inner input insert instance int integer integration internal interval invalid invite
item job join json jwt keep key keys kind label language last layer layout lead left length level library
license limit line link list listen live load loader local lock log logger login logout long lookup low
mail main manager map mark master match max media member memory menu merge message meta method metric
middle min missing mock mode model module monitor month move multi name native network new next node
none note null number object off offset old one only open operation option order org origin other out
output owner package page panel param parent parse parser part partial pass passwd password patch path
pay payload payment pending permission phone pin pipe plan platform plugin point policy pool port post
prefix prev preview price primary print private process prod product production profile project
promise property protocol provider proxy public publish pull push query queue quick random range rate
raw read reader ready real record red redirect redis ref refresh region register registry release remote
remove render replace reply repo report request require reset resource response rest result retry return
review right role root route router row rule run runner runtime safe sample save scale scan schema scope
score script search second secret section secure security select send sender sequence serial server
service session set setting settings setup shared sheet shell short show sign signal signature signing
simple single site size skip slack slot small socket sort source space span spec split sql stage start
state static status step stop storage store stream string struct style sub submit success super support
switch sync system table tag target task team temp template tenant term test text theme thread time
timeout timer title today token tool top topic total trace track transaction transfer tree trigger true
type unique unit update upload url usage user username util valid validate value var variable vault
verify version view visible wait warn warning watch web webhook week width window word work worker
workflow write writer year zone`) {
		m[w] = true
	}
	return m
}()

// wordSegments splits v into the parts of an identifier: at lower-to-upper
// changes (fooBar), before the last capital of an acronym followed by lower
// case (HTTPServer), between letters and digits, and at other characters.
// It returns how many letters lie in parts that are common words.
func wordLetters(v string) (inWords, letters int) {
	isUp := func(c byte) bool { return 'A' <= c && c <= 'Z' }
	isLo := func(c byte) bool { return 'a' <= c && c <= 'z' }
	i := 0
	for i < len(v) {
		c := v[i]
		if !isUp(c) && !isLo(c) {
			i++
			continue
		}
		j := i + 1
		if isUp(c) {
			for j < len(v) && isUp(v[j]) {
				j++
			}
			if j < len(v) && isLo(v[j]) && j-i > 1 {
				j-- // HTTPServer: HTTP | Server
			}
		}
		for j < len(v) && isLo(v[j]) {
			j++
		}
		seg := strings.ToLower(v[i:j])
		letters += j - i
		if len(seg) >= 3 && (commonWords[seg] || commonWords[strings.TrimSuffix(seg, "s")] || compoundWord(seg)) {
			inWords += j - i
		}
		i = j
	}
	return inWords, letters
}

// compoundWord reports whether s is two common words run together
// (keyshare, passphrase).
func compoundWord(s string) bool {
	for k := 3; k+3 <= len(s); k++ {
		if commonWords[s[:k]] && commonWords[s[k:]] {
			return true
		}
	}
	return false
}
