package alert

const slackToken = "xoxb-94288509658-" +
	"3285228252942-hglmT9Qw7Tme6zBPBdZWf9gN"
